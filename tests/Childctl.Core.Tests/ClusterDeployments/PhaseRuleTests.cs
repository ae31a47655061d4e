using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Tests.ClusterDeployments;

public class PhaseRuleTests
{
    private const string Created = "clusterdeployment-01-created.yaml";
    private const string Provisioning = "clusterdeployment-02-provisioning.yaml";
    private const string Ready = "clusterdeployment-03-ready.yaml";
    private const string Failed = "clusterdeployment-04-failed.yaml";
    private const string Deleting = "clusterdeployment-05-deleting.yaml";

    [Fact]
    public void Evaluate_WhenJustCreatedWithoutStatus_IsProvisioningNotYetReconciled()
    {
        var verdict = PhaseRule.Evaluate(ExampleObjects.Cluster(Created));

        Assert.Equal(new PhaseVerdict(ClusterPhase.Provisioning, "not yet reconciled by k0rdent"), verdict);
        Assert.False(verdict.IsReady);
    }

    [Fact]
    public void Evaluate_WhenCapiIsStillComingUp_IsProvisioningWithTheFirstCapiBullet()
    {
        var verdict = PhaseRule.Evaluate(ExampleObjects.Cluster(Provisioning));

        Assert.Equal(new PhaseVerdict(ClusterPhase.Provisioning, "InfrastructureReady: AzureCluster status.initialization.provisioned is false"), verdict);
    }

    [Fact]
    public void Evaluate_WhenReadyIsTrueAtTheCurrentGeneration_IsReady()
    {
        var verdict = PhaseRule.Evaluate(ExampleObjects.Cluster(Ready));

        Assert.Equal(new PhaseVerdict(ClusterPhase.Ready, "Object is ready"), verdict);
        Assert.True(verdict.IsReady);
    }

    [Fact]
    public void Evaluate_WhenHelmReportsASchemaError_IsFailedWithTheFailingConditionAndTheSchemaBullet()
    {
        var verdict = PhaseRule.Evaluate(ExampleObjects.Cluster(Failed));

        Assert.Equal(ClusterPhase.Failed, verdict.Phase);
        Assert.Equal(
            "HelmChartReady: failed to validate template with provided configuration: at '/controlPlane/rootVolumeSize': minimum: got 4, want 8",
            verdict.Reason);
    }

    [Fact]
    public void Evaluate_WhenADeletionTimestampIsSet_IsDeletingWithTheDeletingStep()
    {
        var verdict = PhaseRule.Evaluate(ExampleObjects.Cluster(Deleting));

        Assert.Equal(
            new PhaseVerdict(ClusterPhase.Deleting, "WaitingForClusterDeletion: Deleting: MachineDeployments: gcp-useast4-stage-md"),
            verdict);
    }

    [Fact]
    public void Evaluate_WhenDeletionIsRequestedBeforeAnyDeletingCondition_IsDeleting()
    {
        var cluster = ExampleObjects.Cluster(Ready, o => Metadata(o)["deletionTimestamp"] = "2026-09-02T11:00:00Z");

        Assert.Equal(ClusterPhase.Deleting, PhaseRule.Evaluate(cluster).Phase);
    }

    [Fact]
    public void Evaluate_WhenTheStatusObservedGenerationIsBehind_IsProvisioningNotReady()
    {
        var cluster = ExampleObjects.Cluster(Ready, o => Metadata(o)["generation"] = 2);

        var verdict = PhaseRule.Evaluate(cluster);

        Assert.Equal(ClusterPhase.Provisioning, verdict.Phase);
        Assert.False(verdict.IsReady);
        Assert.Equal("spec changed (generation 2); k0rdent has observed only generation 1", verdict.Reason);
    }

    [Fact]
    public void Evaluate_WhenOnlyTheReadyConditionIsBehind_IsProvisioning()
    {
        var cluster = ExampleObjects.Cluster(Ready, o =>
        {
            Metadata(o)["generation"] = 2;
            o["status"]!["observedGeneration"] = 2;
        });

        var verdict = PhaseRule.Evaluate(cluster);

        Assert.Equal(ClusterPhase.Provisioning, verdict.Phase);
        Assert.Equal("spec changed (generation 2); the Ready condition still describes generation 1", verdict.Reason);
    }

    [Fact]
    public void Evaluate_WhenAFailureIsStaleAfterASpecFix_IsProvisioningNotFailed()
    {
        var cluster = ExampleObjects.Cluster(Failed, o => Metadata(o)["generation"] = 2);

        Assert.Equal(ClusterPhase.Provisioning, PhaseRule.Evaluate(cluster).Phase);
    }

    [Fact]
    public void Evaluate_WhenADryRunReportsReady_IsDryRunNeverReady()
    {
        var cluster = ExampleObjects.Cluster(Ready, o => o["spec"]!["dryRun"] = true);

        var verdict = PhaseRule.Evaluate(cluster);

        Assert.Equal(new PhaseVerdict(ClusterPhase.DryRun, "dry run: configuration valid, nothing deployed") { DryRunCheck = DryRunCheck.Valid }, verdict);
        Assert.False(verdict.IsReady);
    }

    [Fact]
    public void Evaluate_WhenADryRunWasValidatedForAnOlderSpec_IsValidatingAgainNotValid()
    {
        var cluster = ExampleObjects.Cluster(Ready, o =>
        {
            o["spec"]!["dryRun"] = true;
            Metadata(o)["generation"] = 2;
        });

        Assert.Equal(new PhaseVerdict(ClusterPhase.DryRun, "dry run: validating, nothing will be deployed") { DryRunCheck = DryRunCheck.Validating }, PhaseRule.Evaluate(cluster));
    }

    [Fact]
    public void Evaluate_WhenADryRunHasAnInvalidConfig_IsDryRunSayingWhy()
    {
        var cluster = ExampleObjects.Cluster(Failed, o => o["spec"]!["dryRun"] = true);

        var verdict = PhaseRule.Evaluate(cluster);

        Assert.Equal(ClusterPhase.DryRun, verdict.Phase);
        Assert.StartsWith("dry run, invalid: HelmChartReady: failed to validate template", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WhenADryRunIsBeingDeleted_IsDeleting()
    {
        var cluster = ExampleObjects.Cluster(Deleting, o => o["spec"]!["dryRun"] = true);

        Assert.Equal(ClusterPhase.Deleting, PhaseRule.Evaluate(cluster).Phase);
    }

    [Fact]
    public void Evaluate_WhenCapiSummaryIsFalseForOver30Minutes_IsFailedWithTheCapiBullet()
    {
        var cluster = ExampleObjects.Cluster(Provisioning, o =>
        {
            var ready = Condition(o, "Ready");
            ready["reason"] = "Failed";
            ready["message"] = "Cluster is not ready. Check the provider logs for more details.\n" + Condition(o, "CAPIClusterSummary")["message"];
        });

        Assert.Equal(
            new PhaseVerdict(ClusterPhase.Failed, "InfrastructureReady: AzureCluster status.initialization.provisioned is false"),
            PhaseRule.Evaluate(cluster));
    }

    [Fact]
    public void Evaluate_WhenTheRegionIsPaused_IsFailedNamingThePause()
    {
        var cluster = ExampleObjects.Cluster(Ready, o =>
        {
            var ready = Condition(o, "Ready");
            ready["status"] = "False";
            ready["reason"] = "Failed";
            ready["message"] = "Related Region eu is paused";
            Conditions(o).Add(new JsonObject
            {
                ["type"] = "Paused", ["status"] = "True", ["reason"] = "Paused", ["message"] = "Related Region eu is paused",
            });
        });

        Assert.Equal(new PhaseVerdict(ClusterPhase.Failed, "Paused: Related Region eu is paused"), PhaseRule.Evaluate(cluster));
    }

    [Fact]
    public void Evaluate_WhenServicesAreNotReady_IsProvisioningWithTheCount()
    {
        var cluster = ExampleObjects.Cluster(Ready, o =>
        {
            var ready = Condition(o, "Ready");
            ready["status"] = "False";
            ready["reason"] = "Progressing";
            ready["message"] = "0/1 Services are ready.";
            var services = Condition(o, "ServicesInReadyState");
            services["status"] = "False";
            services["reason"] = "Failed";
            services["message"] = "0/1";
        });

        Assert.Equal(new PhaseVerdict(ClusterPhase.Provisioning, "services ready: 0/1"), PhaseRule.Evaluate(cluster));
    }

    [Fact]
    public void Evaluate_WhenEveryConditionIsUnknown_IsProvisioningWaitingForTheFirstPipelineStep()
    {
        var cluster = ExampleObjects.Cluster(Failed, o =>
        {
            foreach (var c in Conditions(o))
            {
                c!["status"] = "Unknown";
                c["reason"] = "Progressing";
                c["message"] = string.Empty;
            }

            Condition(o, "ServicesInReadyState")["status"] = "True";
        });

        Assert.Equal(new PhaseVerdict(ClusterPhase.Provisioning, "waiting for TemplateReady"), PhaseRule.Evaluate(cluster));
    }

    [Fact]
    public void Evaluate_WhenReadyIsTrueBeforeHelmAndCapiExist_IsProvisioningNotReady()
    {
        var cluster = ExampleObjects.Cluster(Ready, o =>
        {
            Conditions(o).Remove(Condition(o, "HelmReleaseReady"));
            Conditions(o).Remove(Condition(o, "CAPIClusterSummary"));
        });

        var verdict = PhaseRule.Evaluate(cluster);

        Assert.Equal(
            new PhaseVerdict(ClusterPhase.Provisioning, "k0rdent reports Ready but HelmReleaseReady does not exist yet: not trusted yet (k0rdent can report Ready early)"),
            verdict);
        Assert.False(verdict.IsReady);
    }

    [Fact]
    public void Evaluate_WhenAnotherConditionLagsBehindTheGeneration_DoesNotTrustTheReady()
    {
        var cluster = ExampleObjects.Cluster(Ready, o =>
        {
            Metadata(o)["generation"] = 2;
            o["status"]!["observedGeneration"] = 2;
            Condition(o, "Ready")["observedGeneration"] = 2;
        });

        Assert.Equal(new PhaseVerdict(ClusterPhase.Provisioning, "spec changed (generation 2); TemplateReady still describes generation 1"), PhaseRule.Evaluate(cluster));
    }

    [Fact]
    public void FailingCondition_WhenHelmRejectsTheValues_IsTheConditionThatTurnedFalse()
    {
        Assert.Equal("HelmChartReady", PhaseRule.FailingCondition(ExampleObjects.Cluster(Failed))?.Type);
        Assert.Null(PhaseRule.FailingCondition(ExampleObjects.Cluster(Ready)));
    }

    private static JsonObject Metadata(JsonObject o) => o["metadata"]!.AsObject();

    private static JsonArray Conditions(JsonObject o) => o["status"]!["conditions"]!.AsArray();

    private static JsonObject Condition(JsonObject o, string type) =>
        Conditions(o).Single(c => (string?)c!["type"] == type)!.AsObject();
}
