namespace Childctl.Core.Operations;

/// <summary>
/// One childctl command that changes something: its id (a ULID, so ids sort by time), who ran it, the command
/// line and the reason given. The same id goes into every history event of the command and into the
/// <c>childctl.dev/operation</c> annotation on the objects it changed, so an audit can join the two.
/// </summary>
public sealed record OperationContext(string Id, DateTimeOffset StartedAt, string User, string CommandLine, string? Reason)
{
    /// <summary>Starts an operation now, with a fresh id.</summary>
    public static OperationContext Start(TimeProvider time, string user, string commandLine, string? reason)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var id = System.Ulid.NewUlid(now).ToString();
        return new OperationContext(id, now, user, commandLine, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
    }

    /// <summary>
    /// The start truncated to whole seconds. Kubernetes timestamps (lastTransitionTime, creationTimestamp) have
    /// one-second resolution, so "after the operation started" must compare against this, not the exact start.
    /// </summary>
    public DateTimeOffset StartedAtSecond => Wait.WaitEvaluator.TruncateToSecond(StartedAt);
}
