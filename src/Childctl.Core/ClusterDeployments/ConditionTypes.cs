namespace Childctl.Core.ClusterDeployments;

/// <summary>The exact condition <c>type</c> strings the k0rdent controller writes (REFERENCE.md §4).</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Deleting = "Deleting";
    public const string TemplateReady = "TemplateReady";
    public const string CredentialReady = "CredentialReady";
    public const string HelmChartReady = "HelmChartReady";
    public const string HelmReleaseReady = "HelmReleaseReady";
    public const string CapiClusterSummary = "CAPIClusterSummary";
    public const string ServicesInReadyState = "ServicesInReadyState";
    public const string Paused = "Paused";

    /// <summary>
    /// The order in which the controller's pipeline sets conditions; the first failing one in this order is the
    /// root cause worth showing. Types not listed come after, in the order the object lists them.
    /// </summary>
    public static readonly IReadOnlyList<string> PipelineOrder =
    [
        TemplateReady, CredentialReady, HelmChartReady, "DataSourceReady", "ClusterDataSourceReady",
        "ClusterAuthenticationReady", "ClusterAuditPolicyReady", HelmReleaseReady, Paused, CapiClusterSummary,
        ServicesInReadyState,
    ];

    /// <summary>Conditions in <see cref="PipelineOrder"/> (others after it, in the object's order), Ready last.</summary>
    public static IReadOnlyList<Condition> InPipelineOrder(IEnumerable<Condition> conditions) =>
        conditions.OrderBy(c => Rank(c.Type)).ToList();

    private static int Rank(string type)
    {
        if (type == Ready)
        {
            return int.MaxValue;
        }

        for (var i = 0; i < PipelineOrder.Count; i++)
        {
            if (PipelineOrder[i] == type)
            {
                return i;
            }
        }

        return PipelineOrder.Count;
    }
}

/// <summary>
/// Turns a condition message into one line for a table cell. Condition messages are free text (CAPI bullet
/// lists, Helm schema errors spanning lines); this picks the most telling line, it never interprets it.
/// </summary>
public static class ConditionMessages
{
    /// <summary>
    /// A CAPI bullet list gives its first bullet (with the first nested bullet when the top one is only a heading,
    /// e.g. <c>WorkersAvailable: MachineDeployment x: 0 available replicas</c>); a heading followed by bullets gives
    /// the heading's lead and the first bullet; anything else its first line.
    /// </summary>
    public static string Summarize(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return string.Empty;
        }

        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return string.Empty;
        }

        var first = lines[0];
        if (IsBullet(first))
        {
            var text = first[2..].Trim();
            return text.EndsWith(':') && lines.Length > 1 && IsBullet(lines[1])
                ? $"{text} {lines[1][2..].Trim()}"
                : text;
        }

        var bullet = lines.Skip(1).FirstOrDefault(IsBullet);
        if (bullet is null)
        {
            return first.TrimEnd(':');
        }

        var separator = first.IndexOf(": ", StringComparison.Ordinal);
        var lead = separator > 0 ? first[..separator] : first.TrimEnd(':');
        return $"{lead}: {bullet[2..].Trim()}";
    }

    private static bool IsBullet(string line) => line.Length > 2 && (line[0] == '*' || line[0] == '-') && line[1] == ' ';
}
