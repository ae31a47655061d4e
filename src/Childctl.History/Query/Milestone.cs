namespace Childctl.History.Query;

/// <summary>
/// A moment in one incarnation's life, taken from its events: <see cref="Milestones.Created"/>, <see cref="Milestones.Ready"/>,
/// <see cref="Milestones.Failed"/>, <see cref="Milestones.DeleteRequested"/> or <see cref="Milestones.Gone"/>;
/// <see cref="Source"/> says whether childctl did it or observed it (<c>childctl</c>, <c>observed</c>).
/// </summary>
public sealed record Milestone(string Name, DateTimeOffset At, string Action, string? Source);
