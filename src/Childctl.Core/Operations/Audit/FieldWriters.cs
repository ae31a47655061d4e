using Childctl.Core.ClusterDeployments;
using Childctl.Core.History;
using Childctl.Core.Operations;

namespace Childctl.Core.Operations.Audit;

/// <summary>
/// Picks who created or last changed an object from its managedFields. Writes to the <c>status</c> subresource are
/// never counted (that is k0rdent reporting, not someone changing the cluster), and k0rdent's controller, which writes
/// the object itself only for its finalizer and label, is counted only when nobody else wrote it. With one entry per
/// manager and its latest time, this names the writer, not the exact write: good enough to say "kubectl-patch at 14:02".
/// </summary>
internal static class FieldWriters
{
    /// <summary>
    /// The field managers of k0rdent's own controller: kcm runs controller-runtime, whose default manager is the
    /// binary's name, <c>manager</c> (the sandbox writes with the same name).
    /// </summary>
    public static readonly IReadOnlySet<string> ControllerManagers = new HashSet<string>(StringComparer.Ordinal) { "manager" };

    /// <summary>The earliest writer of the object itself: the best guess at who created it.</summary>
    public static ChangeActor? Creator(LiveCluster live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var entry = Candidates(live)
            .OrderBy(e => e.Time ?? DateTimeOffset.MaxValue)
            .FirstOrDefault();
        return entry is null ? null : Actor(entry, live);
    }

    /// <summary>The latest writer of the object itself at or after <paramref name="since"/> (or the latest at all), preferring anyone but childctl on a tie.</summary>
    public static ChangeActor? Changer(LiveCluster live, DateTimeOffset? since)
    {
        ArgumentNullException.ThrowIfNull(live);
        var candidates = Candidates(live);
        var floor = since is { } s ? Truncate(s) : DateTimeOffset.MinValue;
        var recent = candidates.Where(e => e.Time is { } t && t >= floor).ToList();
        var entry = (recent.Count > 0 ? recent : candidates)
            .OrderByDescending(e => e.Time ?? DateTimeOffset.MinValue)
            .ThenBy(e => e.Manager == ProvenanceAnnotations.FieldManager ? 1 : 0)
            .FirstOrDefault();
        return entry is null ? null : Actor(entry, live);
    }

    /// <summary>True when someone other than childctl and the controller wrote the object itself after <paramref name="since"/>.</summary>
    public static bool WrittenElsewhereSince(LiveCluster live, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(live);
        return live.Writers.Any(e => e.IsMainResource
            && e.Manager != ProvenanceAnnotations.FieldManager
            && !ControllerManagers.Contains(e.Manager)
            && e.Time is { } t && t > Truncate(since));
    }

    private static List<FieldManagerEntry> Candidates(LiveCluster live)
    {
        var main = live.Writers.Where(e => e.IsMainResource).ToList();
        var others = main.Where(e => !ControllerManagers.Contains(e.Manager)).ToList();
        return others.Count > 0 ? others : main;
    }

    private static ChangeActor Actor(FieldManagerEntry entry, LiveCluster live)
    {
        if (entry.Manager != ProvenanceAnnotations.FieldManager)
        {
            return new ChangeActor(entry.Manager, entry.Operation, entry.Time);
        }

        live.Annotations.TryGetValue(ProvenanceAnnotations.Operator, out var who);
        live.Annotations.TryGetValue(ProvenanceAnnotations.Operation, out var operation);
        return new ChangeActor(entry.Manager, entry.Operation, entry.Time, who, operation);
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset);
}
