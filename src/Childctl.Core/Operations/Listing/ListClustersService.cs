using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Listing;

/// <summary>
/// What <c>list</c> asks for: the filter, and whether the served objects are printed (<c>-o json|yaml|name</c>): then
/// they are kept; otherwise only what childctl derives is, and each page of the list is released once read.
/// </summary>
public sealed record ListRequest(ClusterFilter Filter, bool KeepObjects = false);

/// <summary>
/// The clusters that matched, sorted by namespace then name; <see cref="Namespace"/> null means all namespaces.
/// <see cref="Templates"/> are the ClusterTemplates read beside them (empty when they could not be read).
/// </summary>
public sealed record ClusterListing(string? Namespace, IReadOnlyList<ClusterOverview> Clusters)
{
    internal TemplateCatalog Templates { get; init; } = TemplateCatalog.Empty;
}

/// <summary>
/// <c>list</c>: reads the ClusterDeployments and, in parallel, the ClusterTemplates of the same scope (one list call,
/// not one GET per cluster), derives each cluster's phase, provider and region, filters and sorts. Unless the objects
/// themselves are to be printed, each page is released as soon as its clusters' overviews are derived.
/// </summary>
public sealed partial class ListClustersService(Session session)
{
    public async Task<ClusterListing> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ns = session.Scope;
        var api = session.Api;
        var templatesTask = TemplateCatalog.ReadAsync(api, ns, cancellationToken);
        List<ClusterOverview> matching;
        try
        {
            matching = request.KeepObjects
                ? await ReadWholeAsync(api, ns, request.Filter, templatesTask, cancellationToken)
                : await ReadPageByPageAsync(api, ns, request.Filter, templatesTask, cancellationToken);
        }
        catch
        {
            // The clusters' error is the one to report; the templates' read must still be observed.
            await templatesTask.ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        matching.Sort(ByNamespaceThenName);
        return new ClusterListing(ns, matching) { Templates = await templatesTask };
    }

    /// <summary>The order of a listing: by namespace, then name.</summary>
    private static int ByNamespaceThenName(ClusterOverview a, ClusterOverview b)
    {
        var byNamespace = string.CompareOrdinal(a.Cluster.Namespace, b.Cluster.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.Cluster.Name, b.Cluster.Name);
    }

    /// <summary>The list with every object kept, for printing them.</summary>
    private static async Task<List<ClusterOverview>> ReadWholeAsync(
        ManagementApi api, string? ns, ClusterFilter filter, Task<TemplateCatalog> templates, CancellationToken cancellationToken)
    {
        var clusters = await api.ListAsync(K0rdentKinds.ClusterDeployment, ns, filter.LabelSelector, cancellationToken);
        var catalog = await templates;
        return clusters.Items.Select(item => ClusterOverview.Create(ClusterDeploymentReader.Read(item), catalog)).Where(filter.Matches).ToList();
    }

    /// <summary>Only the overviews, each page released once they are derived: a 5,000-cluster table needs a page at a time.</summary>
    private static async Task<List<ClusterOverview>> ReadPageByPageAsync(
        ManagementApi api, string? ns, ClusterFilter filter, Task<TemplateCatalog> templates, CancellationToken cancellationToken)
    {
        var matching = new List<ClusterOverview>();
        await api.ForEachPageAsync(K0rdentKinds.ClusterDeployment, ns, filter.LabelSelector, async items =>
        {
            var catalog = await templates;
            foreach (var item in items)
            {
                var overview = ClusterOverview.Create(ClusterDeploymentReader.Read(item), catalog);
                if (filter.Matches(overview))
                {
                    matching.Add(overview with { Cluster = overview.Cluster.Detached() });
                }
            }
        }, cancellationToken);
        return matching;
    }
}

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
