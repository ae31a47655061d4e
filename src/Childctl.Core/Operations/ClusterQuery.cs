using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations;

/// <summary>
/// What <c>list</c> asks for. <see cref="Namespace"/> null means all namespaces. The label selector goes to the
/// server; the other filters apply to what childctl derives (phase, provider, region) and to <c>spec.template</c>.
/// Empty filter sets match everything.
/// </summary>
public sealed record ClusterQuery
{
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    public IReadOnlySet<ClusterPhase> Phases { get; init; } = new HashSet<ClusterPhase>();

    /// <summary>Lower-case provider names from <see cref="Providers.Known"/>.</summary>
    public IReadOnlySet<string> ProviderNames { get; init; } = new HashSet<string>();

    /// <summary>Cloud regions, compared without regard to case.</summary>
    public IReadOnlySet<string> Regions { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Templates { get; init; } = new HashSet<string>();

    /// <summary>
    /// The caller prints the served objects (<c>-o json|yaml</c>): keep them. Otherwise only what childctl derives is
    /// kept, and each page of the list is released once read (<see cref="ClusterDeployment.Detached"/>).
    /// </summary>
    public bool KeepObjects { get; init; }

    public bool Matches(ClusterOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        return (Phases.Count == 0 || Phases.Contains(overview.Verdict.Phase))
            && (ProviderNames.Count == 0 || (overview.Provider is { } p && ProviderNames.Contains(p)))
            && (Regions.Count == 0 || (overview.Region is { } r && Regions.Any(x => string.Equals(x, r, StringComparison.OrdinalIgnoreCase))))
            && (Templates.Count == 0 || Templates.Contains(overview.Cluster.Template));
    }
}
