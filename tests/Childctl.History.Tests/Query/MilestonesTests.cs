using Childctl.History.Query;
using Childctl.History.Store;

namespace Childctl.History.Tests.Query;

public sealed class MilestonesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 7, 11, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Find_TakesTheFirstOfEachMilestone_AndPrefersTheMomentAnObservationCarries()
    {
        var events = new[]
        {
            E("observed_ready", 20, ("ready_at", "2025-07-11T14:08:12Z"), ("ready_from", "2025-07-11T14:00:00Z")),
            E("cluster_created", 0),
            E("observed_ready", 40),
            E("cluster_deleted", 60),
            E("observed_deleted", 64, ("deletion_requested_at", "2025-07-11T14:59:59Z")),
        };

        var milestones = Milestones.Find(events);

        Assert.Equal(
            [("created", T0), ("ready", T0.AddSeconds(492)), ("delete requested", T0.AddMinutes(60)), ("gone", T0.AddMinutes(64))],
            milestones.Select(m => (m.Name, m.At)).ToList());
        Assert.Equal(
            [("created", "ready", TimeSpan.FromSeconds(492)), ("delete requested", "gone", TimeSpan.FromMinutes(4)), ("created", "gone", TimeSpan.FromMinutes(64))],
            Milestones.Durations(milestones).Select(d => (d.From, d.To, d.Duration!.Value)).ToList());
    }

    [Fact]
    public void Find_CountsObservedCreationsAndDeletionRequests_AndSkipsFailedAttempts()
    {
        var events = new[]
        {
            E("cluster_deleted", 5, result: "failed"),
            E("observed_created_elsewhere", 0),
            E("observed_failed", 30, ("failed_at", "2025-07-11T14:29:00Z")),
            E("observed_deletion_requested", 50, ("deletion_requested_at", "2025-07-11T14:50:00Z")),
        };

        var milestones = Milestones.Find(events);

        Assert.Equal(["created", "failed", "delete requested"], milestones.Select(m => m.Name));
        Assert.Equal(EventSources.Observed, milestones[0].Source);
        Assert.Equal([("created", "failed", (TimeSpan?)TimeSpan.FromMinutes(29))], Milestones.Durations(milestones).Select(d => (d.From, d.To, d.Duration)).ToList());
    }

    [Fact]
    public void Find_DatesACreationByTheObjectsCreationTime_AndAReadyWithinTheSameSecondTookNoTime()
    {
        var events = new[]
        {
            E("cluster_created", 0, ("created_at", "2025-07-11T13:59:59Z")) with { Timestamp = T0.AddMilliseconds(900) },
            E("observed_ready", 0, ("ready_at", "2025-07-11T14:00:00Z"), ("time_to_ready", "1s")) with { Timestamp = T0.AddSeconds(2) },
        };

        var milestones = Milestones.Find(events);

        Assert.Equal(T0.AddSeconds(-1), milestones[0].At);
        Assert.Equal(TimeSpan.FromSeconds(1), Milestones.Durations(milestones).Single().Duration);
        Assert.Equal(TimeSpan.Zero, Milestones.Durations(Milestones.Find([E("cluster_created", 0) with { Timestamp = T0.AddMilliseconds(900) }, events[1]])).Single().Duration);
    }

    [Fact]
    public void Find_DatesGoneByTheBoundAnAuditRecorded_WhenTheEventItselfHadToComeLater()
    {
        var events = new[] { E("cluster_created", 0), E("observed_deleted", 30, ("gone_at_latest", "2025-07-11T14:20:00Z")) };

        var milestones = Milestones.Find(events);

        Assert.Equal(T0.AddMinutes(20), milestones.Single(m => m.Name == Milestones.Gone).At);
        Assert.True(milestones.Single(m => m.Name == Milestones.Gone).AtLatest);
        var lifetime = Milestones.Durations(milestones).Single();
        Assert.Null(lifetime.Duration);
        Assert.Equal(TimeSpan.FromMinutes(20), lifetime.AtMost);
    }

    [Fact]
    public void Incarnations_CarryTheirMilestones_AndTheGroupWithoutUidHasNone()
    {
        var events = new[] { E("cluster_created", 0), E("observed_ready", 9), E("note_added", 10) with { Uid = null } };

        var incarnations = Incarnations.Group(events);

        Assert.Equal(2, incarnations.Single(i => i.Uid == "u1").Milestones.Count);
        Assert.Null(incarnations.Single(i => i.Uid == "u1").Durations.Single().Duration);
        Assert.Empty(incarnations.Single(i => i.Uid is null).Milestones);
    }

    [Fact]
    public void Durations_WhenAFixOfALaterGenerationMadeItReady_MeasureFromThatChangeNotFromTheCreation()
    {
        var events = new[]
        {
            E("cluster_created", 0),
            E("observed_failed", 1, ("failed_at", "2025-07-11T14:00:19Z"), ("generation", "1")),
            E("observed_ready", 60 * 24 * 20, ("generation", "2"), ("ready_at", "2025-07-31T14:04:00Z"), ("ready_from", "2025-07-31T14:00:00Z")),
        };

        var spans = Milestones.Durations(Milestones.Find(events));

        Assert.Contains(spans, s => s is { From: "spec changed", To: "ready", Duration.TotalMinutes: 4 });
        Assert.Contains(spans, s => s is { From: "created", To: "failed", Duration.TotalSeconds: 19 });
    }

    [Fact]
    public void Durations_WhenAFailureOrReadyTimeIsNotKnown_AreUnknownNotANumber()
    {
        var events = new[]
        {
            E("cluster_created", 0),
            E("observed_failed", 45, ("failed_by", "2025-07-11T14:45:00Z")),
            E("observed_ready", 90, ("generation", "2"), ("ready_at", "2025-07-11T15:29:00Z")),
        };

        var milestones = Milestones.Find(events);
        var spans = Milestones.Durations(milestones);

        Assert.True(milestones.Single(m => m.Name == "failed").AtLatest);
        Assert.Contains(spans, s => s is { From: "created", To: "failed", Duration: null } && s.AtMost == TimeSpan.FromMinutes(45));
        Assert.Contains(spans, s => s is { From: "spec changed", To: "ready", Duration: null, AtMost: null });
    }

    [Fact]
    public void Find_WhenEventsCarryEarlierMomentsThanTheyWereRecorded_ListsMilestonesInTimeOrder()
    {
        var events = new[]
        {
            E("cluster_created", 0),
            E("cluster_deleted", 10),
            E("observed_ready", 12, ("ready_at", "2025-07-11T14:05:00Z")),
            E("observed_deleted", 13),
        };

        Assert.Equal(["created", "ready", "delete requested", "gone"], Milestones.Find(events).Select(m => m.Name));
    }

    private static HistoryEvent E(string action, int minutes, params (string Key, string Value)[] parameters) => E(action, minutes, null, parameters);

    private static HistoryEvent E(string action, int minutes, string? result, params (string Key, string Value)[] parameters) => new()
    {
        Timestamp = T0.AddMinutes(minutes),
        Id = $"{action}-{minutes}",
        Action = action,
        Uid = "u1",
        Result = result,
        Parameters = parameters.ToDictionary(p => p.Key, p => p.Value),
        Source = action.StartsWith("observed", StringComparison.Ordinal) ? EventSources.Observed : EventSources.Childctl,
    };
}
