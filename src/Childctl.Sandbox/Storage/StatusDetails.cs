namespace Childctl.Sandbox.Storage;

/// <summary>The details block of a Kubernetes Status: which object the error is about and, for Invalid, why.</summary>
public sealed record StatusDetails(string? Name, string? Group, string? Kind, IReadOnlyList<StatusCause>? Causes = null, int? RetryAfterSeconds = null);
