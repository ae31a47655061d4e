using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Templates;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Watch;

/// <summary><c>watch [NAME]</c>: one cluster by name, or every cluster in scope that the filter lets through.</summary>
public sealed record WatchRequest(string? Name, ClusterFilter Filter);

/// <summary>
/// One change <c>childctl watch</c> saw: the kind of change, the object, its phase now and before (null when first seen);
/// the Synced marker has no object. <see cref="PhaseChanged"/> is what the human views show; <c>-o json</c> shows every change.
/// </summary>
public sealed record ClusterChange(WatchChangeKind Kind, ClusterDeployment? Cluster, PhaseVerdict? Verdict, PhaseVerdict? Previous, DateTimeOffset SeenAt)
{
    public bool PhaseChanged => Kind is WatchChangeKind.Added or WatchChangeKind.Deleted || (Kind == WatchChangeKind.Modified && Previous != Verdict);

    /// <summary>The marker after the initial list: there is no object.</summary>
    public bool IsSynced => Kind == WatchChangeKind.Synced;

    public bool IsDeleted => Kind == WatchChangeKind.Deleted;

    /// <summary>The watch event type as the API server names it: ADDED, MODIFIED or DELETED.</summary>
    public string EventType => Kind switch
    {
        WatchChangeKind.Added => "ADDED",
        WatchChangeKind.Deleted => "DELETED",
        _ => "MODIFIED",
    };
}

/// <summary>Told about each change a watch sees, synchronously and in order.</summary>
public interface IWatchObserver
{
    void OnChange(ClusterChange change);

    /// <summary>The initial list of a watch of one name did not have it: it may not exist yet.</summary>
    void OnAbsent(string ns, string name);
}

/// <summary>
/// <c>watch [NAME]</c>: the ClusterDeployments of the scope as a stream of changes, each with its phase from
/// <see cref="PhaseRule"/> and the phase before, through the same resilient list-and-watch as <c>wait</c>; the initial
/// list arrives as Added, then one Synced marker. Without a name it runs until cancelled. With one, it follows that
/// cluster as <c>wait</c> does (<see cref="ClusterFollower"/>): it records what it sees (a Ready that can be trusted,
/// a Failed for the current spec, the cluster gone) once per transition, ends when the cluster is gone, and fails with
/// ClusterFailed (exit 7) when k0rdent reports it Failed. A watch of a whole namespace records nothing: its first list
/// alone would append to every cluster's file.
/// </summary>
public sealed class WatchClustersService(Session session)
{
    public async Task WatchAsync(WatchRequest request, IWatchObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var ns = request.Name is null ? session.Scope : session.OneNamespace("watch NAME");
        var templates = request.Filter.NeedsTemplates ? await TemplateCatalog.ReadAsync(session.Api, ns, cancellationToken) : TemplateCatalog.Empty;
        var phases = new PhaseTracker(session.Time, request.Filter, templates);
        if (request.Name is null)
        {
            await foreach (var change in session.Api.WatchClustersAsync(ns, new WatchFilter(LabelSelector: request.Filter.LabelSelector), cancellationToken))
            {
                phases.Tell(change, observer);
            }

            return;
        }

        await FollowAsync(new ClusterFollower(session, ns!, request.Name), phases, observer, cancellationToken);
    }

    private static async Task FollowAsync(ClusterFollower follower, PhaseTracker phases, IWatchObserver observer, CancellationToken cancellationToken)
    {
        var present = false;
        await foreach (var (change, _) in follower.RunAsync(cancellationToken))
        {
            phases.Tell(change, observer);
            present |= change.Object is not null;
            if (change.Kind == WatchChangeKind.Synced && !present)
            {
                observer.OnAbsent(follower.Namespace, follower.Name);
                await follower.RecordGoneAsync(pendingDeletion: true, cancellationToken);
            }

            if (change.Object is not { } cluster)
            {
                continue;
            }

            if (change.Kind == WatchChangeKind.Deleted)
            {
                await follower.RecordGoneAsync(pendingDeletion: false, cancellationToken);
                return;
            }

            var verdict = WaitEvaluator.Evaluate(cluster, WaitGoal.Ready, readyNotBefore: null);
            if (verdict.State == WaitState.Ready)
            {
                await follower.RecordReadyAsync(cluster, since: null, cancellationToken);
            }
            else if (verdict.State == WaitState.Failed)
            {
                await follower.RecordFailedAsync(cluster, verdict.Message, cancellationToken);
                throw new ChildctlException(ErrorKind.ClusterFailed,
                    $"ClusterDeployment \"{follower.Name}\" in namespace \"{follower.Namespace}\" failed: {verdict.Message}");
            }
        }
    }

    /// <summary>The phase of each followed cluster before a change, and which changes the filter lets through.</summary>
    private sealed class PhaseTracker(TimeProvider time, ClusterFilter filter, TemplateCatalog templates)
    {
        private readonly Dictionary<string, PhaseVerdict> _phases = new(StringComparer.Ordinal);

        public void Tell(WatchChange<ClusterDeployment> change, IWatchObserver observer)
        {
            if (change.Object is not { } cluster)
            {
                observer.OnChange(new ClusterChange(WatchChangeKind.Synced, null, null, null, time.GetUtcNow()));
                return;
            }

            // Only clusters the filter lets through are followed; one that stops matching is dropped, one gone is shown if it was followed.
            var tracked = _phases.Remove(cluster.Uid, out var previous);
            var overview = ClusterOverview.Create(cluster, templates);
            var matches = change.Kind == WatchChangeKind.Deleted ? tracked : filter.Matches(overview);
            if (matches && change.Kind != WatchChangeKind.Deleted)
            {
                _phases[cluster.Uid] = overview.Verdict;
            }

            if (matches)
            {
                observer.OnChange(new ClusterChange(change.Kind, cluster, overview.Verdict, previous, time.GetUtcNow()));
            }
        }
    }
}
