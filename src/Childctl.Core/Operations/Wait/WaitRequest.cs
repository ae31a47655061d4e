namespace Childctl.Core.Operations.Wait;

/// <summary>
/// One wait: which cluster, for what, how long. <see cref="NotBefore"/> is the start of the operation whose change is
/// awaited (create, scale, upgrade), so a Ready from before it is not trusted. <see cref="Uid"/> pins the incarnation:
/// another object under the same name is not the one awaited.
/// </summary>
public sealed record WaitRequest(string Namespace, string Name, WaitGoal Goal, TimeSpan Timeout, DateTimeOffset? NotBefore = null, string? Uid = null);
