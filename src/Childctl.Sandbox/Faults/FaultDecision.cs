namespace Childctl.Sandbox.Faults;

/// <summary>The fault drawn for one request: how long to stall, and the error code to fail with (null = serve it).</summary>
internal readonly record struct FaultDecision(TimeSpan Latency, int? FailWith, int RetryAfterSeconds);
