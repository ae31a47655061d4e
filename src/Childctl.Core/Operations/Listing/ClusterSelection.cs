using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Listing;

/// <summary>
/// Which clusters a batch command (<c>delete</c>, <c>upgrade</c>, <c>wait</c>) is about: explicit names, or a
/// <see cref="ClusterFilter"/>, or everything (<see cref="All"/>), in the session's namespace or all of them. Names and
/// filters do not mix: a name says exactly which cluster. <see cref="ResolveAsync"/> reads the scope once (one list of
/// clusters and one of templates, through <see cref="ListClustersService"/>) and returns the exact objects.
/// </summary>
public sealed record ClusterSelection
{
    public IReadOnlyList<string> Names { get; init; } = [];

    public ClusterFilter Filter { get; init; } = ClusterFilter.None;

    public bool All { get; init; }

    /// <summary>Whether the clusters were picked by filter or --all rather than named one by one.</summary>
    public bool IsBulk => Names.Count == 0;

    /// <summary>Rejects a selection that says nothing, or mixes names with filters, before any connection (exit 2).</summary>
    public void Validate(string verb, bool allNamespaces)
    {
        var filtered = !Filter.IsEmpty;
        if (Names.Count > 0 && (filtered || All))
        {
            throw ChildctlException.InvalidInput("give either cluster names or filters (-l, --provider, --region, --phase, --template, --all), not both");
        }

        if (Names.Count == 0 && !filtered && !All)
        {
            throw ChildctlException.InvalidInput($"say what to {verb}: NAME..., -l SELECTOR, --provider, --region, --phase, --template, or --all");
        }

        if (Filter.LabelSelector is { } selector && ClusterFilter.SelectorProblem(selector) is { } problem)
        {
            throw ChildctlException.InvalidInput($"invalid label selector '{selector}': {problem}");
        }

        if (Names.Count > 0 && allNamespaces)
        {
            throw ChildctlException.InvalidInput("cluster names need one namespace: use -n NAMESPACE instead of -A");
        }
    }

    /// <summary>How the selection reads in messages, as the command line would say it: <c>-l env=dev -n kcm-system</c>.</summary>
    public string Describe(string? ns)
    {
        var parts = new List<string>();
        if (Names.Count > 0)
        {
            parts.Add(string.Join(' ', Names));
        }

        if (Filter.Describe() is { Length: > 0 } filter)
        {
            parts.Add(filter);
        }

        if (All)
        {
            parts.Add("--all");
        }

        parts.Add(ns is null ? "-A" : $"-n {ns}");
        return string.Join(' ', parts);
    }

    /// <summary>
    /// The clusters selected, by namespace then name, and the names asked for that do not exist; with
    /// <paramref name="keepObjects"/>, each cluster keeps the served object (for what reads its managed fields).
    /// </summary>
    public async Task<ResolvedSelection> ResolveAsync(Session session, bool keepObjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var listing = await new ListClustersService(session).ListAsync(new ListRequest(Filter, keepObjects), cancellationToken);
        var found = Names.Count == 0
            ? listing.Clusters
            : listing.Clusters.Where(o => Names.Contains(o.Cluster.Name, StringComparer.Ordinal)).ToList();
        var missing = Names.Where(n => found.All(o => o.Cluster.Name != n)).Distinct(StringComparer.Ordinal).ToList();
        return new ResolvedSelection(this, listing.Namespace, found, missing) { Templates = listing.Templates };
    }
}

/// <summary>
/// A <see cref="ClusterSelection"/> read live: the namespace (null: all), the clusters found, the names not found, and
/// the scope's ClusterTemplates read with them.
/// </summary>
public sealed record ResolvedSelection(ClusterSelection Selection, string? Namespace, IReadOnlyList<ClusterOverview> Clusters, IReadOnlyList<string> MissingNames)
{
    internal TemplateCatalog Templates { get; init; } = TemplateCatalog.Empty;

    public string Describe() => Selection.Describe(Namespace);
}

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
