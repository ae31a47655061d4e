namespace Childctl.Core.Operations.Scale;

/// <summary><c>scale NAME --workers N [--control-planes N]</c>: the new counts (null leaves a count as it is).</summary>
public sealed record ScaleRequest(string Namespace, string Name, int? Workers, int? ControlPlanes);
