using Childctl.History.Query;
using Childctl.History.Store;
using Childctl.History.Team;
using static Childctl.History.Tests.Events;

namespace Childctl.History.Tests.Team;

/// <summary>Local and team events merged into one history: once per id, in time order, each with where it was found.</summary>
public sealed class TeamMergeTests
{
    private static readonly HistoryStreamId Stream = new("mc", "kcm-system", "dev-1");

    [Fact]
    public void Merge_WhenBothStoresHoldEvents_KeepsEachIdOnceAndSaysWhereItWasFound()
    {
        var local = new[] { Note("01A", minutes: 1), Note("01B", minutes: 2) };
        var team = new[] { Note("01B", minutes: 2), Note("01C", minutes: 3), Note("01C", minutes: 3) };

        var merged = TeamMerge.Merge(Stream, local, team);

        Assert.Equal(["01A", "01B", "01C"], merged.Events.Select(e => e.Id));
        Assert.Equal([EventOrigin.Local, EventOrigin.Both, EventOrigin.Team], merged.Origins);
        Assert.Equal(merged.Origins, merged.Events.Select(merged.OriginOf));
        Assert.Same(local[1], merged.Events[1]);
        Assert.Equal(EventOrigin.Local, merged.OriginOf(Note("01C", minutes: 3)));
    }

    [Fact]
    public void Merge_WhenTheInputIsOutOfOrder_SortsByTimeThenIdThenTheOrderFound()
    {
        var sameInstantOtherOffset = Note("01E", minutes: 5) with { Timestamp = T0.AddMinutes(5).ToOffset(TimeSpan.FromHours(2)) };
        var legacyFirst = Note("x", "first legacy line", minutes: 5) with { Id = null };
        var legacySecond = Note("x", "second legacy line", minutes: 5) with { Id = null };
        var team = new[] { Note("01Z", minutes: 9), sameInstantOtherOffset, legacyFirst, Note("01D", minutes: 5), legacySecond, Note("01A", minutes: 0) };

        var merged = TeamMerge.Merge(Stream, [], team);

        Assert.Equal(["01A", null, null, "01D", "01E", "01Z"], merged.Events.Select(e => e.Id));
        Assert.Equal(["first legacy line", "second legacy line"], merged.Events.Where(e => e.Id is null).Select(e => e.Message));
    }

    [Fact]
    public void Group_WhenEventsAreOutOfOrder_GroupsEachUidInTimeOrderOldestIncarnationFirst()
    {
        var events = new[]
        {
            Note("4", minutes: 40) with { Uid = "second", Action = "cluster_created" },
            Note("2", minutes: 20) with { Uid = "first", Action = "cluster_deleted" },
            Note("1", minutes: 10) with { Uid = "first", Action = "cluster_created" },
            Note("3", minutes: 30) with { Uid = null },
            Note("5", minutes: 50) with { Uid = "second", Action = "cluster_scaled" },
        };

        var incarnations = Incarnations.Group(events);

        Assert.Equal(["first", null, "second"], incarnations.Select(i => i.Uid));
        Assert.Equal([2, 1, 2], incarnations.Select(i => i.Events));
        Assert.Equal(["cluster_deleted", EventActions.NoteAdded, "cluster_scaled"], incarnations.Select(i => i.LastAction));
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(30), T0.AddMinutes(40)], incarnations.Select(i => i.FirstSeen));
        Assert.Equal(["created", "delete requested"], incarnations[0].Milestones.Select(m => m.Name));
    }
}
