namespace Childctl.Sandbox.Controller;

/// <summary>What the worker does after a reconcile: run it again now, wake it at a time, or nothing.</summary>
internal readonly record struct ReconcileOutcome(bool Requeue, DateTimeOffset? WakeAt, bool Unchanged = false)
{
    public static readonly ReconcileOutcome Again = new(true, null);

    public static readonly ReconcileOutcome Done = new(false, null);

    /// <summary>Nothing happened since the last look; any earlier wake-up stays as it was.</summary>
    public static readonly ReconcileOutcome Skipped = new(false, null, Unchanged: true);

    public static ReconcileOutcome At(DateTimeOffset? time) => new(false, time);
}
