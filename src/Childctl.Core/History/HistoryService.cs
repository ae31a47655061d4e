using Childctl.Core.Errors;
using Childctl.History.Query;
using Childctl.History.Storage;
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

    /// <summary>An operation id (a prefix is enough), as the <c>childctl.dev/operation</c> annotation shows it.</summary>
    public string? Operation { get; init; }

    /// <summary>Every management cluster in the history folder, not only the kubeconfig context's.</summary>
    public bool EveryManagementCluster { get; init; }

    /// <summary>Only this machine's history (<c>--local</c>): the team store is not read.</summary>
    public bool LocalOnly { get; init; }

    public bool IsFiltered => Since is not null || Until is not null || Actions.Count > 0 || Users.Count > 0 || Uid is not null || Operation is not null;
}

/// <summary>
/// The clusters read, each with its matching events in time order; the record of the past, not live state.
/// <see cref="Notice"/> says when the scope had to widen (no usable kubeconfig: every management cluster).
/// </summary>
/// <see cref="Problems"/> are the files that could not be read (each named with what is wrong; the others are shown) and
/// the earlier changes whose outcome could not be settled now.
public sealed record HistoryResult(IReadOnlyList<ClusterTimeline> Clusters, string? Notice, string Directory)
{
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The team store was read and merged in: events only one side has are marked with where they came from.</summary>
    public bool TeamMerged { get; init; }

    /// <summary>Why the team store could not be read (offline, refused), when team history is on: local history is shown instead.</summary>
    public string? TeamWarning { get; init; }
}

/// <summary>
/// <c>history [NAME]</c>: reads local history, never the API. The management cluster comes from the local kubeconfig
/// (when none is usable and no --context was asked for, every management cluster in the folder, with a notice); one
/// cluster in a known management cluster and namespace reads exactly one file, otherwise the matching files one at a time,
/// a file that cannot be read reported beside the others rather than hiding them. A cluster whose history holds a change
/// with no known outcome (<see cref="PendingChanges"/>) is settled first, which reads that one object from the API.
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
        var filter = new HistoryFilter
        {
            Since = query.Since, Until = query.Until, Actions = query.Actions, Users = query.Users, Uid = query.Uid, Operation = query.Operation,
        };
        var reader = new HistoryReader(session.History.Store);
        var local = new List<ClusterHistory>();
        var problems = new List<string>();
        if (query.Name is not null && managementCluster is not null && ns is not null)
        {
            var stream = new HistoryStreamId(managementCluster, ns, query.Name);
            // Unfiltered first, to see every change still to settle; read again only when filtered or settled.
            var one = await LocalHistory.GuardAsync(() => reader.ReadClusterAsync(stream, HistoryFilter.All, cancellationToken));
            if (one is not null && (await SettleAsync(one, problems, cancellationToken) || !filter.IsEmpty))
            {
                one = await LocalHistory.GuardAsync(() => reader.ReadClusterAsync(stream, filter, cancellationToken)) ?? one;
            }

            if (one is not null)
            {
                local.Add(one);
            }
        }
        else
        {
            await foreach (var outcome in LocalHistory.GuardEach(reader.ReadEachAsync(managementCluster, ns, query.Name, filter, cancellationToken), cancellationToken))
            {
                if (outcome.Error is { } error)
                {
                    problems.Add($"{error.Message} (the other clusters are shown)");
                    continue;
                }

                var cluster = outcome.History!;
                if (await SettleAsync(cluster, problems, cancellationToken))
                {
                    cluster = await LocalHistory.GuardAsync(() => reader.ReadClusterAsync(cluster.Stream, filter, cancellationToken)) ?? cluster;
                }

                local.Add(cluster);
            }
        }

        // The merge step: the team's events joined with the local ones (team-only clusters included), before any view.
        var team = TeamScope(query, managementCluster) is not null ? await session.History.Team!.ReadAsync(ns, query.Name, cancellationToken, mayAsk: false) : TeamRead.Off;
        var clusters = TeamViews.Merge(local, team, managementCluster, filter)
            .Where(c => query.Name is not null || c.Events.Count > 0 || filter.IsEmpty) // across clusters, one with nothing matching is left out
            .ToList();

        if (query.Operation is { } operation && clusters.All(c => c.Events.Count == 0))
        {
            var where = managementCluster is null ? "any management cluster" : $"management cluster {managementCluster}";
            throw ChildctlException.NotFound(
                $"no local history event has operation {operation} on {where}{(query.Name is null ? string.Empty : $" for cluster {query.Name}")}: " +
                "it may have been run on another machine, or against another context (--all-management-clusters looks in every one)");
        }

        if (query.Name is not null && clusters.Count == 0)
        {
            var where = ns is null ? "any namespace" : $"namespace {ns}";
            var mc = managementCluster is null ? "any management cluster" : $"management cluster {managementCluster}";
            var scope = team.Used ? "no local or team history" : "no local history";
            throw ChildctlException.NotFound($"{scope} for cluster {query.Name} in {where} on {mc}: 'childctl history' lists the clusters that have history");
        }

        return new HistoryResult(clusters, notice, session.Options.HistoryDirectory) { Problems = problems, TeamMerged = team.Used, TeamWarning = team.Warning };
    }

    /// <summary>The management cluster whose team store to read: the session's, unless --local, every management cluster, or none is known.</summary>
    private string? TeamScope(HistoryQuery query, string? managementCluster) =>
        query.LocalOnly || query.EveryManagementCluster || managementCluster is null || session.History.Team is null ? null : managementCluster;

    /// <summary>
    /// Settles a cluster's changes of unknown outcome when it has any and belongs to the session's management cluster (the
    /// one the API can be asked about); whether anything was recorded, so the caller reads the file again.
    /// </summary>
    private async Task<bool> SettleAsync(ClusterHistory cluster, List<string> problems, CancellationToken cancellationToken)
    {
        if (!PendingChanges.AnyPending(cluster.Events) || !SameManagementCluster(cluster.Stream.ManagementCluster))
        {
            return false;
        }

        var settling = new PendingChanges(session);
        var problem = await settling.TrySettleForViewAsync(cluster.Stream.Namespace, cluster.Stream.Name, cancellationToken);
        if (problem is not null)
        {
            problems.Add(problem);
            return false;
        }

        return true;
    }

    private bool SameManagementCluster(string managementCluster)
    {
        try
        {
            return session.Cluster.ClusterName == managementCluster;
        }
        catch (ChildctlException)
        {
            return false;
        }
    }

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
