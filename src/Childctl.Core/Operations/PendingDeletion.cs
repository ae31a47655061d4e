namespace Childctl.Core.Operations;

/// <summary>
/// An incarnation whose delete childctl recorded but whose disappearance nobody has observed yet: what a
/// <c>wait --for deleted</c> that finds the name already gone can still record as <c>observed_deleted</c>.
/// </summary>
public sealed record PendingDeletion(string Uid, DateTimeOffset? CreatedAt, DateTimeOffset RequestedAt);
