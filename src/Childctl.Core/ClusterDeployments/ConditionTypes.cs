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
