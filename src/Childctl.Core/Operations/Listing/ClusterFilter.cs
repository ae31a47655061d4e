using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Listing;

/// <summary>
/// Which clusters a command is about, the same for <c>list</c>, <c>delete</c> and <c>watch</c>: a label selector (applied
/// by the server) and, applied to what childctl derives, phases, providers, cloud regions and templates. Each set holds
/// alternatives (any of them matches); the filters combine with AND; an empty filter matches everything. Values are in
/// their canonical spelling (<see cref="Phases"/> as the enum, providers from <see cref="CloudProvider.KnownNames"/>);
/// regions compare without regard to case.
/// </summary>
public sealed record ClusterFilter
{
    public static ClusterFilter None { get; } = new();

    public string? LabelSelector { get; init; }

    public IReadOnlyList<ClusterPhase> Phases { get; init; } = [];

    public IReadOnlyList<string> Providers { get; init; } = [];

    public IReadOnlyList<string> Regions { get; init; } = [];

    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary>The choices of <c>--phase</c>, in their canonical spelling.</summary>
    public static IReadOnlyList<string> PhaseNames { get; } = Enum.GetNames<ClusterPhase>();

    public bool IsEmpty => LabelSelector is null && Phases.Count == 0 && Providers.Count == 0 && Regions.Count == 0 && Templates.Count == 0;

    /// <summary>Whether anything beyond the label selector must be judged from the cluster's template (provider, region).</summary>
    public bool NeedsTemplates => Providers.Count > 0 || Regions.Count > 0;

    /// <summary>Null when the label selector is one the API server would take (its grammar), else what is wrong with it.</summary>
    public static string? SelectorProblem(string selector) => Kubernetes.LabelSelectorSyntax.Problem(selector);

    public bool Matches(ClusterOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return (Phases.Count == 0 || Phases.Contains(overview.Verdict.Phase))
            && (Providers.Count == 0 || (overview.Provider is { } p && Providers.Contains(p)))
            && (Regions.Count == 0 || (overview.Region is { } r && Regions.Any(x => string.Equals(x, r, StringComparison.OrdinalIgnoreCase))))
            && (Templates.Count == 0 || Templates.Contains(overview.Cluster.Template));
    }

    /// <summary>How the filter reads in messages and history, e.g. <c>-l env=dev --provider aws,gcp</c>; empty when there is none.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        Add(parts, "-l", LabelSelector is null ? [] : [LabelSelector]);
        Add(parts, "--provider", Providers);
        Add(parts, "--region", Regions);
        Add(parts, "--phase", Phases.Select(p => p.ToString()));
        Add(parts, "--template", Templates);
        return string.Join(' ', parts);
    }

    private static void Add(List<string> parts, string flag, IEnumerable<string> values)
    {
        var text = string.Join(',', values);
        if (text.Length > 0)
        {
            parts.Add($"{flag} {text}");
        }
    }
}
