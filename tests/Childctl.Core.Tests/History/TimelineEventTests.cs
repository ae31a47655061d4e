using Childctl.Core.History;
using Childctl.History.Store;

namespace Childctl.Core.Tests.History;

/// <summary>The one rendering of an event's details: how the reason joins what follows it.</summary>
public sealed class TimelineEventTests
{
    [Theory]
    [InlineData("load test", "workers 2 → 3", null, "reason: load test; workers 2 → 3")]
    [InlineData("load test", null, null, "reason: load test")]
    [InlineData("load test", "", null, "reason: load test")]
    [InlineData("load test", null, "permission denied (403)", "reason: load test; error: permission denied (403)")]
    [InlineData(null, "workers 2 → 3", null, "workers 2 → 3")]
    public void Details_JoinsTheReasonToWhatFollowsWithASemicolon_AndEndsWithNone(string? reason, string? message, string? error, string expected)
    {
        var e = new HistoryEvent
        {
            Timestamp = DateTimeOffset.Parse("2026-12-03T06:39:19Z", System.Globalization.CultureInfo.InvariantCulture),
            Action = "cluster_scaled",
            Source = EventSources.Childctl,
            Reason = reason,
            Message = message,
            Error = error,
        };

        Assert.Equal(expected, new TimelineEvent(e).Details);
    }
}
