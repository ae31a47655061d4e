using Childctl.Core.Operations;

namespace Childctl.Cli.Output.History;

/// <summary>
/// <c>history NAME --with-events -o json</c>: the Events k0rdent emitted about the current incarnation, read live and
/// never stored (Kubernetes keeps them about an hour). <see cref="Note"/> says so in the document itself.
/// </summary>
internal sealed record LiveEventsJson(string Note, string? Uid, bool ObjectExists, IReadOnlyList<LiveEventJson> Items)
{
    public const string NotStored = "live Kubernetes Events of the current incarnation, read from the API now; not part of the local history and never stored";

    public static LiveEventsJson? From(LiveClusterEvents? live) => live is null
        ? null
        : new LiveEventsJson(NotStored, live.Uid, live.ObjectExists, live.Events
            .Select(e => new LiveEventJson(e.Type, e.Reason, e.Message, e.Count, e.LastSeen is { } t ? HistoryJsonMapper.Time(t) : null, e.Source))
            .ToList());
}
