using System.Runtime.CompilerServices;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.History.Store;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Operations.Listing;

/// <summary>
/// Whose Events <c>events</c> shows: one cluster's incarnation (<see cref="Uid"/>; <see cref="ObjectExists"/> false when
/// only history still knows it), or every ClusterDeployment's of the namespace (null: all) when <see cref="Name"/> is null.
/// </summary>
public sealed record EventScope(string? Namespace, string? Name, string? Uid, bool ObjectExists);

/// <summary>Events to show: the initial list (oldest first) once, then, when following, each new or updated Event.</summary>
public sealed record EventsUpdate(IReadOnlyList<ClusterEvent> Events, bool IsInitial);

/// <summary>
/// <c>events [NAME] [-w]</c>: the Kubernetes Events about ClusterDeployments, read live and never stored. For NAME, the
/// Events of its current incarnation, selected by the server on <c>involvedObject.uid</c> (as status keeps them), or, when
/// the object is gone, of the latest incarnation local history knows, whose Events outlive it for a while. One
/// list-and-watch serves both the listing and <c>-w</c>.
/// </summary>
public sealed class ClusterEventsService(Session session)
{
    public async Task<EventScope> ResolveAsync(string? name, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            return new EventScope(session.Scope, null, null, false);
        }

        var ns = session.OneNamespace("events");
        if (await session.Api.TryGetAsync(K0rdentKinds.ClusterDeployment, ns, name, cancellationToken) is { } found)
        {
            return new EventScope(ns, name, ClusterDeploymentReader.Read(found).Uid, true);
        }

        var read = await session.History.ReadAsync(new HistoryStreamId(session.Cluster.ClusterName, ns, name), cancellationToken);
        var latest = read.Document?.Events.LastOrDefault(e => !string.IsNullOrEmpty(e.Uid))?.Uid;
        return latest is null
            ? throw ChildctlException.NotFound($"ClusterDeployment \"{name}\" not found in namespace \"{ns}\", and local history knows no incarnation of it")
            : new EventScope(ns, name, latest, false);
    }

    /// <summary>The initial Events, then (with <paramref name="follow"/>) every new or updated one until cancelled.</summary>
    public async IAsyncEnumerable<EventsUpdate> ReadAsync(EventScope scope, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var initial = new List<ClusterEvent>();
        var synced = false;
        await foreach (var change in session.Api.WatchClusterEventsAsync(scope.Namespace, scope.Uid, cancellationToken))
        {
            switch (change)
            {
                case { Kind: WatchChangeKind.Synced }:
                    synced = true;
                    yield return new EventsUpdate(initial.OrderBy(e => e.LastSeen ?? DateTimeOffset.MinValue).ThenBy(e => e.EventName, StringComparer.Ordinal).ToList(), true);
                    if (!follow)
                    {
                        yield break;
                    }

                    break;
                case { Kind: WatchChangeKind.Added or WatchChangeKind.Modified, Object: { } e } when !synced:
                    initial.Add(e);
                    break;
                case { Kind: WatchChangeKind.Added or WatchChangeKind.Modified, Object: { } e }:
                    yield return new EventsUpdate([e], false);
                    break;
            }
        }
    }
}
