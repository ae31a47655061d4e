using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.Core.Operations.Audit;
using Childctl.History.Store;
using static Childctl.Core.Tests.Operations.Audit.AuditExamples;

namespace Childctl.Core.Tests.Operations.Audit;

public sealed class ServerChangeTests
{
    private const string Here = "https://10.0.0.4:6443";
    private const string There = "https://127.0.0.1:40001";

    [Fact]
    public void Find_WhenHistoryNamesSeveralServers_JudgesByTheLatestEventThatNamesOne()
    {
        var moved = Classify(null, On(Created(), Here), On(Event(HistoryActions.ClusterScaled, 5), There), Event(EventActions.NoteAdded, 9));
        var back = Classify(null, On(Created(), There), On(Event(HistoryActions.ClusterScaled, 5), Here));

        Assert.Equal(There, moved.RecordedServer);
        Assert.Equal(Here, back.RecordedServer);
        Assert.Equal([moved], ServerChange.Find("mgmt", Here, [moved, back])!.Findings);
    }

    [Fact]
    public void Find_WhenOnlyANoteOfTheSameUidWasTakenThroughAnotherUrl_IsNoServerChange()
    {
        var noted = Classify(null, On(Created(), Here), On(Event(EventActions.NoteAdded, 5), There));

        Assert.Equal(Here, noted.RecordedServer);
        Assert.Null(ServerChange.Find("mgmt", Here, [noted]));
    }

    [Fact]
    public void Find_WhenInStepOrNamingNoServer_IsNoServerChange()
    {
        var inStep = Classify(Live(), On(Created(), There));
        var legacy = Classify(null, Created());

        Assert.Equal(AuditClass.InStep, inStep.Class);
        Assert.Equal(AuditClass.DeletedElsewhere, legacy.Class);
        Assert.Null(ServerChange.Find("mgmt", Here, [inStep, legacy]));
    }

    [Theory]
    [InlineData("https://10.0.0.4:6443/", true)]
    [InlineData("HTTPS://10.0.0.4:6443", true)]
    [InlineData("https://k8s.example.com", true, "https://K8S.example.com:443/")]
    [InlineData("https://10.0.0.4:6444", false)]
    [InlineData("https://10.0.0.5:6443", false)]
    public void SameServer_WhenUrlsDiffer_ComparesSchemeHostAndPort(string recorded, bool same, string current = Here)
    {
        Assert.Equal(same, ServerChange.SameServer(recorded, current));
    }

    [Fact]
    public void Describe_WhenManyClustersAreConcerned_NamesBothServersThreeClustersAndHowManyMore()
    {
        var findings = Enumerable.Range(1, 5)
            .Select(i => Classify(null, On(Created(), There)) with { Name = $"c{i}" })
            .ToList();

        var change = ServerChange.Find("mgmt", Here, findings)!;

        Assert.Equal(
            $"the history of 5 clusters filed under mgmt (kcm-system/c1, kcm-system/c2, kcm-system/c3 and 2 more) was recorded against {There}, not this context's server {Here}",
            change.Describe());
        var refusal = change.Refusal();
        Assert.Equal(ErrorKind.InvalidInput, refusal.Kind);
        Assert.Contains("nothing was recorded", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("--accept-server-change", refusal.Message, StringComparison.Ordinal);
    }

    private static HistoryEvent On(HistoryEvent e, string server) => e with { ManagementCluster = new ManagementClusterRef("mgmt", server) };
}
