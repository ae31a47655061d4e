using Childctl.Core.Errors;
using Childctl.History.Naming;
using Childctl.History.Query;
using Childctl.History.Store;
using Childctl.Kubernetes;

namespace Childctl.Core.History;

/// <summary>
/// What <c>history</c> asks for: one cluster (<see cref="Name"/>) or all, the filters, and whether to look beyond the
/// current management cluster. <see cref="Since"/> and <see cref="Until"/> are already resolved to instants.
/// </summary>
public sealed record HistoryQuery
{
    public string? Name { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    public IReadOnlyList<string> Actions { get; init; } = [];

    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>A uid or a prefix of one.</summary>
    public string? Uid { get; init; }

    /// <summary>Every management cluster in the history folder, not only the kubeconfig context's.</summary>
    public bool EveryManagementCluster { get; init; }

    /// <summary>Only this machine's history (<c>--local</c>): the team store is not read.</summary>
    public bool LocalOnly { get; init; }

    public bool IsFiltered => Since is not null || Until is not null || Actions.Count > 0 || Users.Count > 0 || Uid is not null;
}

/// <summary>
/// The clusters read, each with its matching events in time order; the record of the past, not live state.
/// <see cref="Notice"/> says when the scope had to widen (no usable kubeconfig: every management cluster).
/// </summary>
public sealed record HistoryResult(IReadOnlyList<ClusterTimeline> Clusters, string? Notice, string Directory)
{
    /// <summary>The team store was read and merged in: events only one side has are marked with where they came from.</summary>
    public bool TeamMerged { get; init; }

    /// <summary>Why the team store could not be read (offline, refused), when team history is on: local history is shown instead.</summary>
    public string? TeamWarning { get; init; }
}

/// <summary>
/// <c>history [NAME]</c>: reads local history, never the API. The management cluster comes from the local kubeconfig
/// (when none is usable and no --context was asked for, every management cluster in the folder, with a notice); one
/// cluster in a known management cluster and namespace reads exactly one file, otherwise the matching files one at a time.
/// </summary>
public sealed class HistoryService(Session session)
{
    public async Task<HistoryResult> QueryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (managementCluster, ns, notice) = Scope(query);
        LocalHistory.Guard(() =>
        {
            if (ns is not null)
            {
                KubernetesNames.ValidateNamespace(ns);
            }

            if (query.Name is not null)
            {
                KubernetesNames.ValidateClusterName(query.Name);
            }

            return true;
        });
        var filter = new HistoryFilter { Since = query.Since, Until = query.Until, Actions = query.Actions, Users = query.Users, Uid = query.Uid };
        var reader = new HistoryReader(session.History.Store);
        var local = new List<ClusterHistory>();
        if (query.Name is not null && managementCluster is not null && ns is not null)
        {
            var one = await LocalHistory.GuardAsync(() => reader.ReadClusterAsync(new HistoryStreamId(managementCluster, ns, query.Name), HistoryFilter.All, cancellationToken));
            if (one is not null)
            {
                local.Add(one);
            }
        }
        else
        {
            await foreach (var cluster in LocalHistory.GuardEach(reader.ReadManyAsync(managementCluster, ns, query.Name, HistoryFilter.All, cancellationToken), cancellationToken))
            {
                local.Add(cluster);
            }
        }

        var team = TeamScope(query, managementCluster) is { } mc ? await session.History.Team!.ReadAsync(ns, query.Name, cancellationToken, mayAsk: false) : TeamRead.Off;
        var clusters = TeamViews.Merge(local, team, mc: managementCluster, filter)
            .Where(c => query.Name is not null || c.Events.Count > 0 || filter.IsEmpty) // across clusters, one with nothing matching is left out
            .ToList();
        if (query.Name is not null && clusters.Count == 0)
        {
            var where = ns is null ? "any namespace" : $"namespace {ns}";
            var mcName = managementCluster is null ? "any management cluster" : $"management cluster {managementCluster}";
            var scope = team.Used ? "no local or team history" : "no local history";
            throw ChildctlException.NotFound($"{scope} for cluster {query.Name} in {where} on {mcName}: 'childctl history' lists the clusters that have history");
        }

        return new HistoryResult(clusters, notice, session.Options.HistoryDirectory) { TeamMerged = team.Used, TeamWarning = team.Warning };
    }

    /// <summary>The management cluster whose team store to read: the session's, unless --local, every management cluster, or none is known.</summary>
    private string? TeamScope(HistoryQuery query, string? managementCluster) =>
        query.LocalOnly || query.EveryManagementCluster || managementCluster is null || session.History.Team is null ? null : managementCluster;

    /// <summary>The management cluster (null: all) and namespace (null: all) to read, and why it widened, if it did.</summary>
    private (string? ManagementCluster, string? Namespace, string? Notice) Scope(HistoryQuery query)
    {
        var options = session.Options;
        var oneCluster = query.Name is not null;
        string? Namespace(string? contextNamespace) =>
            options.AllNamespaces ? null : oneCluster ? contextNamespace ?? options.ExplicitNamespace ?? KubeconfigResolver.FallbackNamespace : options.ExplicitNamespace;
        if (query.EveryManagementCluster)
        {
            return (null, Namespace(null), null);
        }

        try
        {
            return (session.Cluster.ClusterName, Namespace(session.Cluster.DefaultNamespace), null);
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.InvalidInput && string.IsNullOrEmpty(options.ContextName))
        {
            return (null, Namespace(null), $"no usable kubeconfig ({e.Message}); showing history of every management cluster in the history folder");
        }
    }
}
