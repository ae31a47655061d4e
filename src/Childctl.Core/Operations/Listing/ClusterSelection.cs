using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;

namespace Childctl.Core.Operations.Listing;

/// <summary>
/// Which clusters a batch command (<c>upgrade</c>, <c>wait</c>) is about: explicit names, or a <see cref="ClusterFilter"/>,
/// or everything (<see cref="All"/>), in the session's namespace or all of them. Names and filters do not mix, as for
/// <c>delete</c>: a name says exactly which cluster. <see cref="ResolveAsync"/> reads the scope once (one list of
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

    /// <summary>The clusters selected, by namespace then name, and the names asked for that do not exist.</summary>
    public async Task<ResolvedSelection> ResolveAsync(Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var listing = await new ListClustersService(session).ListAsync(new ListRequest(Filter), cancellationToken);
        var found = Names.Count == 0
            ? listing.Clusters
            : listing.Clusters.Where(o => Names.Contains(o.Cluster.Name, StringComparer.Ordinal)).ToList();
        var missing = Names.Where(n => found.All(o => o.Cluster.Name != n)).Distinct(StringComparer.Ordinal).ToList();
        return new ResolvedSelection(this, listing.Namespace, found, missing);
    }
}

/// <summary>A <see cref="ClusterSelection"/> read live: the namespace (null: all), the clusters found, the names not found.</summary>
public sealed record ResolvedSelection(ClusterSelection Selection, string? Namespace, IReadOnlyList<ClusterOverview> Clusters, IReadOnlyList<string> MissingNames)
{
    public string Describe() => Selection.Describe(Namespace);
}
