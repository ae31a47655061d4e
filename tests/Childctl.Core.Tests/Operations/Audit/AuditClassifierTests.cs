using Childctl.Core.History;
using Childctl.Core.Operations;
using Childctl.Core.Operations.Audit;
using Childctl.History.Store;
using static Childctl.Core.Tests.Operations.Audit.AuditExamples;

namespace Childctl.Core.Tests.Operations.Audit;

public sealed class AuditClassifierTests
{
    [Fact]
    public void Classify_WhenCreatedByChildctlWithOnlyControllerWritesSince_IsInStep()
    {
        var live = Live(writers: [Writer("childctl", 0), Writer("manager", 1), Writer("manager", 50, "status")]);

        var finding = Classify(live, Created());

        Assert.Equal(AuditClass.InStep, finding.Class);
        Assert.Equal(1, finding.RecordedGeneration);
    }

    [Fact]
    public void Classify_WhenALiveUidHasNoHistory_IsCreatedElsewhereByTheEarliestNonControllerWriterAtCreation()
    {
        var live = Live(writers: [Writer("manager", 1), Writer("kubectl-client-side-apply", 0), Writer("kubectl-label", 20), Writer("manager", 5, "status")]);

        var finding = Classify(live);

        Assert.Equal(AuditClass.CreatedElsewhere, finding.Class);
        Assert.Equal("kubectl-client-side-apply", finding.By!.Manager);
        Assert.Equal(T0, finding.At);
        Assert.Equal("/h/c1.yaml", finding.HistoryFile);
    }

    [Fact]
    public void Classify_WhenALiveUidIsKnownOnlyFromAWaitOrANote_IsStillCreatedElsewhere()
    {
        var finding = Classify(Live(), Event(HistoryActions.ObservedReady, 10, generation: 1, source: EventSources.Observed), Event(EventActions.NoteAdded, 11));

        Assert.Equal(AuditClass.CreatedElsewhere, finding.Class);
    }

    [Fact]
    public void Classify_WhenANewUidHasANameHistoryKnows_IsRecreatedNamingThePreviousIncarnation()
    {
        var finding = Classify(Live(UidB, writers: [Writer("kustomize-controller", 60, operation: "Apply")]), Created(uid: UidA));

        Assert.Equal(AuditClass.Recreated, finding.Class);
        Assert.Equal(UidB, finding.Uid);
        Assert.Equal(UidA, finding.PreviousUid);
        Assert.True(finding.PreviousDeletionUnrecorded);
        Assert.Equal("kustomize-controller", finding.By!.Manager);
    }

    [Fact]
    public void Classify_WhenRecreatedAfterARecordedDelete_DoesNotAskToRecordTheOldDeletionAgain()
    {
        var finding = Classify(Live(UidB), Created(uid: UidA), Event(HistoryActions.ClusterDeleted, 30, UidA));

        Assert.Equal(AuditClass.Recreated, finding.Class);
        Assert.False(finding.PreviousDeletionUnrecorded);
    }

    [Fact]
    public void Classify_WhenTheGenerationIsBeyondTheLastRecordedOne_IsChangedElsewhereWithTheValuesThatDiffer()
    {
        var live = Live(generation: 3, spec: With("spec.config.workersNumber", "5"),
            writers: [Writer("childctl", 0), Writer("kubectl-patch", 40), Writer("manager", 41, "status")]);

        var finding = Classify(live, Created());

        Assert.Equal(AuditClass.ChangedElsewhere, finding.Class);
        Assert.Equal(1, finding.RecordedGeneration);
        Assert.Equal(3, finding.Generation);
        Assert.Equal("kubectl-patch", finding.By!.Manager);
        Assert.Equal(At(40), finding.At);
        var change = Assert.Single(finding.Changes);
        Assert.Equal(("spec.config.workersNumber", "2", "5"), (change.Field, change.Recorded, change.Live));
        Assert.Contains("generation 1 → 3 by kubectl-patch: spec.config.workersNumber 2 → 5", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_WhenChildctlChangedItLater_TakesThatOperationAsTheBaseline()
    {
        var scaled = Event(HistoryActions.ClusterScaled, 20, generation: 2, spec: With("spec.config.workersNumber", "4"));
        var live = Live(generation: 2, spec: With("spec.config.workersNumber", "4"), writers: [Writer("childctl", 20), Writer("manager", 21, "status")]);

        Assert.Equal(AuditClass.InStep, Classify(live, Created(), scaled).Class);
    }

    [Fact]
    public void Classify_WhenAnEarlierAuditRecordedTheChange_IsInStep()
    {
        var recorded = Event(AuditActions.ObservedChangedElsewhere, 40, generation: 3, spec: With("spec.config.workersNumber", "5"), source: EventSources.Observed);
        var live = Live(generation: 3, spec: With("spec.config.workersNumber", "5"), writers: [Writer("kubectl-patch", 40)]);

        Assert.Equal(AuditClass.InStep, Classify(live, Created(), recorded).Class);
    }

    [Fact]
    public void Classify_WhenChildctlChangedItFromAnotherHistory_IsChangedElsewhereNamingTheOperatorFromTheAnnotations()
    {
        var live = Live(generation: 2, spec: With("spec.template", "aws-standalone-cp-1-0-44"), writers: [Writer("childctl", 45)]) with
        {
            Annotations = new Dictionary<string, string> { ["childctl.dev/operator"] = "alice", ["childctl.dev/operation"] = "01JOTHER" },
        };

        var finding = Classify(live, Created());

        Assert.Equal(AuditClass.ChangedElsewhere, finding.Class);
        Assert.Equal("childctl (operator alice, operation 01JOTHER)", finding.By!.Describe());
    }

    [Fact]
    public void Classify_WhenTheSpecChangedOutsideTemplateCredentialAndConfig_IsStillAChangeSaidSo()
    {
        var finding = Classify(Live(generation: 2, writers: [Writer("kubectl-edit", 5)]), Created());

        Assert.Equal(AuditClass.ChangedElsewhere, finding.Class);
        Assert.Empty(finding.Changes);
        Assert.Contains("another spec field changed", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_WhenOldEventsHaveNoGeneration_FallsBackToManagedFieldsTimes()
    {
        var oldScale = Event(HistoryActions.ClusterScaled, 20, spec: null);

        var quiet = Classify(Live(generation: 2, writers: [Writer("childctl", 20), Writer("manager", 30, "status")]), Created(), oldScale);
        var written = Classify(Live(generation: 3, writers: [Writer("childctl", 20), Writer("kubectl-edit", 25)]), Created(), oldScale);

        Assert.Equal(AuditClass.InStep, quiet.Class);
        Assert.Equal(AuditClass.ChangedElsewhere, written.Class);
        Assert.Null(written.RecordedGeneration);
    }

    [Fact]
    public void Classify_WhenRecordedValuesAreRedacted_DoesNotCompareThemNorShowSecretLiveValues()
    {
        var recorded = new Dictionary<string, string>(Spec) { ["spec.config.sshPublicKey"] = "<redacted>", ["spec.config.apiToken"] = "old" };
        var live = Live(generation: 2, spec: new Dictionary<string, string>(Spec) { ["spec.config.sshPublicKey"] = "ssh-rsa new", ["spec.config.apiToken"] = "new" },
            writers: [Writer("kubectl-patch", 5)]);

        var finding = Classify(live, Event(HistoryActions.ClusterCreated, 0, generation: 1, spec: recorded));

        var change = Assert.Single(finding.Changes);
        Assert.Equal(("spec.config.apiToken", "<redacted>", "<redacted>"), (change.Field, change.Recorded, change.Live));
    }

    [Fact]
    public void Classify_WhenTerminatingWithoutARecordedDelete_IsDeletingElsewhereAndTheDeletionsGenerationBumpIsNoChange()
    {
        var deleting = Classify(Live(generation: 2, deleting: At(50)), Created());
        var ours = Classify(Live(generation: 2, deleting: At(50)), Created(), Event(HistoryActions.ClusterDeleted, 50));

        Assert.Equal(AuditClass.DeletingElsewhere, deleting.Class);
        Assert.Equal(At(50), deleting.At);
        Assert.Equal(AuditClass.InStep, ours.Class);
    }

    [Fact]
    public void Classify_WhenGoneWithoutADelete_IsDeletedElsewhere()
    {
        var finding = Classify(null, Created(), Event(HistoryActions.ObservedReady, 8, generation: 1, source: EventSources.Observed));

        Assert.Equal(AuditClass.DeletedElsewhere, finding.Class);
        Assert.Equal(UidA, finding.Uid);
        Assert.Contains("last recorded: observed_ready", finding.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HistoryActions.ClusterDeleted)]
    [InlineData(HistoryActions.ObservedDeleted)]
    [InlineData(AuditActions.ObservedDeletionRequested)]
    public void Classify_WhenGoneWithARecordedDelete_IsInStep(string action)
    {
        Assert.Equal(AuditClass.InStep, Classify(null, Created(), Event(action, 30)).Class);
    }

    [Fact]
    public void Classify_WhenGoneWithOnlyAFailedDelete_IsDeletedElsewhere()
    {
        var failed = Event(HistoryActions.ClusterDeleted, 30, result: "failed");

        Assert.Equal(AuditClass.DeletedElsewhere, Classify(null, Created(), failed).Class);
    }

    [Fact]
    public void Classify_WhenANameIsGone_JudgesOnlyItsLatestIncarnation()
    {
        var finding = Classify(null, Created(0, UidA), Created(60, UidB), Event(HistoryActions.ObservedDeleted, 90, UidB));

        Assert.Equal(AuditClass.InStep, finding.Class);
        Assert.Equal(UidB, finding.Uid);
    }

    [Fact]
    public void Classify_WhenHistoryHasNoUidAndNothingIsLive_HasNothingToCompare()
    {
        var finding = Classify(null, Event("cluster_deployment_created", 0, uid: null, source: EventSources.Legacy), Event(HistoryActions.ClusterCreateFailed, 5, uid: null, result: "failed"));

        Assert.Equal(AuditClass.InStep, finding.Class);
        Assert.Contains("nothing to compare", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_WhenOnlyLegacyHistoryMeetsALiveCluster_IsCreatedElsewhereMentioningTheEntriesWithoutUid()
    {
        var finding = Classify(Live(), Event("cluster_deployment_created", 0, uid: null, source: EventSources.Legacy));

        Assert.Equal(AuditClass.CreatedElsewhere, finding.Class);
        Assert.Contains("1 entries without a uid", finding.Detail, StringComparison.Ordinal);
    }
}
