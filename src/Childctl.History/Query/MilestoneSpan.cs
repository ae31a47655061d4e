namespace Childctl.History.Query;

/// <summary>The time between two milestones of one incarnation, e.g. created → ready.</summary>
public sealed record MilestoneSpan(string From, string To, TimeSpan Duration);
