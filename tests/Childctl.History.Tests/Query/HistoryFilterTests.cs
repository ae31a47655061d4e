using Childctl.History.Query;

namespace Childctl.History.Tests.Query;

public sealed class HistoryFilterTests
{
    private static readonly Childctl.History.Store.HistoryEvent Event = Events.Full("e1");

    [Fact]
    public void Empty_LetsEverythingThrough() => Assert.True(new HistoryFilter().IsEmpty && new HistoryFilter().Matches(Event));

    [Theory]
    [InlineData(-1, null, true)]
    [InlineData(1, null, false)]
    [InlineData(null, 1, true)]
    [InlineData(null, -1, false)]
    public void SinceAndUntil_AreInclusiveBounds(int? sinceMinutes, int? untilMinutes, bool expected)
    {
        var filter = new HistoryFilter
        {
            Since = sinceMinutes is { } s ? Events.T0.AddMinutes(s) : null,
            Until = untilMinutes is { } u ? Events.T0.AddMinutes(u) : null,
        };

        Assert.Equal(expected, filter.Matches(Event));
    }

    [Theory]
    [InlineData("rbias", true)]
    [InlineData("system:admin", true)]
    [InlineData("someone", false)]
    public void Users_MatchOsUserOrKubernetesIdentity(string user, bool expected) =>
        Assert.Equal(expected, new HistoryFilter { Users = [user] }.Matches(Event));

    [Theory]
    [InlineData("6a1f3c2e", true)]
    [InlineData("6A1F3C2E", true)]
    [InlineData("7b", false)]
    public void Uid_MatchesAPrefix(string uid, bool expected) => Assert.Equal(expected, new HistoryFilter { Uid = uid }.Matches(Event));

    [Theory]
    [InlineData("01JZOP", true)]
    [InlineData("01jzop", true)]
    [InlineData("01JZOQ", false)]
    public void Operation_MatchesAPrefixAndIsAFilter(string operation, bool expected)
    {
        var filter = new HistoryFilter { Operation = operation };

        Assert.False(filter.IsEmpty);
        Assert.Equal(expected, filter.Matches(Event with { Operation = "01JZOP0000000000000000000" }));
        Assert.False(filter.Matches(Event with { Operation = null }));
    }

    [Fact]
    public void Incarnations_GroupByUidInOrderOfFirstEvent()
    {
        var events = new[]
        {
            Events.Note("a", minutes: 0) with { Uid = "uid-1" },
            Events.Note("b", minutes: 5) with { Uid = null },
            Events.Note("c", minutes: 10) with { Uid = "uid-1", Action = "cluster_deleted" },
            Events.Note("d", minutes: 20) with { Uid = "uid-2", Action = "cluster_created" },
        };

        var groups = Incarnations.Group(events);

        Assert.Equal(["uid-1 2 cluster_deleted", " 1 note_added", "uid-2 1 cluster_created"], groups.Select(g => $"{g.Uid} {g.Events} {g.LastAction}"));
    }
}
