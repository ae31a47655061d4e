namespace Childctl.Sandbox.Controller;

/// <summary>
/// The computed Ready condition, and when a later reconcile must look again because time alone will change it
/// (a CAPI warning that turns into an error after 30 simulated minutes).
/// </summary>
internal sealed record ReadyResult(string Status, string Reason, string Message, DateTimeOffset? RecheckAt);
