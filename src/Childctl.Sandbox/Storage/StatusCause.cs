namespace Childctl.Sandbox.Storage;

/// <summary>One field-level reason of an Invalid error, as in a Kubernetes Status's details.causes.</summary>
public sealed record StatusCause(string Reason, string Message, string Field);
