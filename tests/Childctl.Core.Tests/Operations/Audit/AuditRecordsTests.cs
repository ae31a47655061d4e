using Childctl.Core.Api;
using Childctl.Core.History;
using Childctl.Core.Operations;
using Childctl.Core.Operations.Audit;
using Childctl.History.Store;
using Childctl.Kubernetes;
using Childctl.Testing;
using static Childctl.Core.Tests.Operations.Audit.AuditExamples;

namespace Childctl.Core.Tests.Operations.Audit;

public sealed class AuditRecordsTests : IDisposable
{
    private readonly TempDirectory _dir = new("childctl-audit-records");
    private readonly ManagementCluster _cluster;

    public AuditRecordsTests()
    {
        var path = _dir.Combine("kubeconfig");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            current-context: m
            contexts: [{name: m, context: {cluster: mgmt, user: u}}]
            clusters: [{name: mgmt, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: u, user: {token: t}}]
            """);
        _cluster = KubeconfigResolver.Resolve(path, null, null, _ => null);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void For_WhenTheSameFindingIsRecordedByAnyoneAnyTime_GivesTheSameIds()
    {
        var finding = Classify(Live(generation: 3, writers: [Writer("kubectl-patch", 40)]), Created());

        var first = AuditRecords.For(finding, _cluster, Audit(At(100)));
        var second = AuditRecords.For(finding, _cluster, Audit(At(200)));

        Assert.Equal(first.Select(e => e.Id), second.Select(e => e.Id));
        var e = Assert.Single(first);
        Assert.Equal(AuditActions.ObservedChangedElsewhere, e.Action);
        Assert.Equal(EventSources.Observed, e.Source);
        Assert.Null(e.User);
        Assert.Equal(At(40), e.Timestamp);
        Assert.Equal("3", e.Parameters!["generation"]);
        Assert.Equal("kubectl-patch", e.Parameters["manager"]);
        Assert.Equal("aws-standalone-cp-1-0-43", e.Parameters["spec.template"]);
    }

    [Fact]
    public void For_WhenAnObservationFollowsARecordedEvent_IsNeverDatedBeforeIt()
    {
        var scaled = Event(HistoryActions.ClusterScaled, 45, generation: 2, spec: Spec);
        var finding = Classify(Live(generation: 3, writers: [Writer("kubectl-patch", 40)]), Created(), scaled);

        Assert.Equal(At(45), Assert.Single(AuditRecords.For(finding, _cluster, Audit(At(100)))).Timestamp);
    }

    [Fact]
    public void For_WhenTheGenerationDiffers_IsAnotherFinding()
    {
        var two = AuditRecords.For(Classify(Live(generation: 2, writers: [Writer("kubectl-patch", 40)]), Created()), _cluster, Audit(At(100)));
        var three = AuditRecords.For(Classify(Live(generation: 3, writers: [Writer("kubectl-patch", 40)]), Created()), _cluster, Audit(At(100)));

        Assert.NotEqual(two[0].Id, three[0].Id);
    }

    [Fact]
    public void For_WhenRecreated_RecordsTheOldIncarnationGoneThenTheNewOne()
    {
        var finding = Classify(Live(UidB), Created(uid: UidA));

        var events = AuditRecords.For(finding, _cluster, Audit(At(100)));

        Assert.Equal([(HistoryActions.ObservedDeleted, UidA), (AuditActions.ObservedRecreated, UidB)], events.Select(e => (e.Action, e.Uid!)).ToList());
        Assert.Equal(UidA, events[1].Parameters!["previous_uid"]);
    }

    [Fact]
    public void For_WhenRecreated_DatesTheOldIncarnationGoneAtTheNewCreationBeforeTheNewOne()
    {
        var finding = Classify(Live(UidB) with { CreatedAt = At(60) }, Created(uid: UidA));

        var events = AuditRecords.For(finding, _cluster, Audit(At(100)));

        Assert.Equal([At(60), At(60)], events.Select(e => e.Timestamp));
        Assert.Equal("2026-09-01T11:00:00Z", events[0].Parameters!["gone_at_latest"]);
        Assert.Equal("2026-09-01T11:40:00Z", events[0].Parameters!["observed_at"]);
        Assert.Contains("gone by 2026-09-01T11:00:00Z at the latest", events[0].Message, StringComparison.Ordinal);
        Assert.Contains("the exact time is unknown", events[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_WhenRecreated_GivesIdsThatDoNotDependOnWhenTheAuditRan()
    {
        var finding = Classify(Live(UidB) with { CreatedAt = At(60) }, Created(uid: UidA));

        Assert.Equal(
            AuditRecords.For(finding, _cluster, Audit(At(100))).Select(e => e.Id),
            AuditRecords.For(finding, _cluster, Audit(At(300))).Select(e => e.Id));
    }

    [Fact]
    public void For_WhenSeveralAreRecorded_NeverDatesThemBeforeHistoryNorBeforeEachOther()
    {
        var note = Event(EventActions.NoteAdded, 70, uid: UidB);
        var finding = Classify(Live(UidB) with { CreatedAt = At(60) }, Created(uid: UidA), note);

        var events = AuditRecords.For(finding, _cluster, Audit(At(100)));

        Assert.Equal([At(70), At(70)], events.Select(e => e.Timestamp));
        Assert.Equal("2026-09-01T11:00:00Z", events[0].Parameters!["gone_at_latest"]);
    }

    [Fact]
    public void For_WhenDeletedElsewhere_UsesTheSameIdAsAWaitThatSawItGone()
    {
        var created = Event(HistoryActions.ClusterCreated, 0, generation: 1, spec: new Dictionary<string, string>(Spec) { ["created_at"] = "2026-09-01T10:00:00Z" });
        var finding = Classify(null, created);

        var e = Assert.Single(AuditRecords.For(finding, _cluster, Audit(At(100))));

        var wait = Childctl.Core.Operations.Wait.ObservedTransitions.Deleted(UidA, T0, null, At(100), sawItGo: true);
        Assert.Equal(EventIds.Deterministic(wait.IdTime, wait.Identity), e.Id);
        Assert.Equal(At(100), e.Timestamp);
    }

    [Fact]
    public void For_WhenInStepWithLabelsRecorded_RecordsNothing()
    {
        var spec = With(SpecSnapshot.LabelsKey, "{}");

        Assert.Empty(AuditRecords.For(Classify(Live(spec: spec), Event(HistoryActions.ClusterCreated, 0, UidA, 1, spec)), _cluster, Audit(At(100))));
    }

    [Fact]
    public void For_WhenInStepButHistoryPredatesLabelRecording_RecordsTheLiveMetadataOnceAsABaselineNotAChange()
    {
        var finding = Classify(Live(spec: With("metadata.labels.team", "blue")), Created());

        var first = Assert.Single(AuditRecords.For(finding, _cluster, Audit(At(100))));
        var second = Assert.Single(AuditRecords.For(finding, _cluster, Audit(At(200))));

        Assert.Equal(AuditClass.InStep, finding.Class);
        Assert.True(finding.MetadataBaselineMissing);
        Assert.Empty(finding.Changes);
        Assert.Equal(("observed_metadata_baseline", UidA, EventSources.Observed), (first.Action, first.Uid, first.Source));
        Assert.Equal("blue", first.Parameters!["metadata.labels.team"]);
        Assert.Equal(first.Id, second.Id);
    }

    private static OperationContext Audit(DateTimeOffset at) => new("01JAUDIT" + at.Minute, at, "tester", "childctl audit --record", null);
}
