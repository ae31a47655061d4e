using System.Text.Json.Nodes;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Tests.ClusterDeployments;

namespace Childctl.Core.Tests.Operations.Wait;

public class WaitEvaluatorTests
{
    private const string Ready = "clusterdeployment-03-ready.yaml";
    private static readonly DateTimeOffset ReadySince = DateTimeOffset.Parse("2026-09-02T11:49:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Evaluate_WhenReadyAtTheCurrentGeneration_IsReady()
    {
        var verdict = WaitEvaluator.Evaluate(ExampleObjects.Cluster(Ready), WaitGoal.Ready, null);

        Assert.Equal(WaitState.Ready, verdict.State);
    }

    [Fact]
    public void Evaluate_WhenReadyIsStaleAfterASpecChange_IsPendingNamingTheGeneration()
    {
        var cluster = ExampleObjects.Cluster(Ready, o => o["metadata"]!["generation"] = 2);

        var verdict = WaitEvaluator.Evaluate(cluster, WaitGoal.Ready, null);

        Assert.Equal(WaitState.Pending, verdict.State);
        Assert.Contains(verdict.Unmet, u => u.Contains("observed generation 1, not the current 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WhenAConditionLagsBehind_DoesNotTrustTheReady()
    {
        var cluster = ExampleObjects.Cluster(Ready, o =>
        {
            o["metadata"]!["generation"] = 2;
            o["status"]!["observedGeneration"] = 2;
            foreach (var c in o["status"]!["conditions"]!.AsArray())
            {
                if (c!["type"]!.GetValue<string>() is "Ready")
                {
                    c["observedGeneration"] = 2;
                }
            }
        });

        var verdict = WaitEvaluator.Evaluate(cluster, WaitGoal.Ready, null);

        Assert.Equal(WaitState.Pending, verdict.State);
        Assert.Contains(verdict.Unmet, u => u.EndsWith("still describes generation 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WhenReadyIsFromBeforeTheOperation_DoesNotTrustIt()
    {
        var verdict = WaitEvaluator.Evaluate(ExampleObjects.Cluster(Ready), WaitGoal.Ready, ReadySince.AddSeconds(5));

        Assert.Equal(WaitState.Pending, verdict.State);
        Assert.Contains(verdict.Unmet, u => u.Contains("before this operation started", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WhenReadyIsInTheSecondTheOperationStarted_TrustsItBecauseTimestampsAreWholeSeconds()
    {
        var verdict = WaitEvaluator.Evaluate(ExampleObjects.Cluster(Ready), WaitGoal.Ready, ReadySince.AddMilliseconds(900));

        Assert.Equal(WaitState.Ready, verdict.State);
    }

    [Fact]
    public void Evaluate_WhenReadyComesBeforeHelmAndCapiExist_DoesNotTrustIt()
    {
        var cluster = ExampleObjects.Cluster(Ready, o => RemoveCondition(o, "CAPIClusterSummary"));

        var verdict = WaitEvaluator.Evaluate(cluster, WaitGoal.Ready, null);

        Assert.Equal(WaitState.Pending, verdict.State);
        Assert.Contains(verdict.Unmet, u => u.Contains("CAPIClusterSummary does not exist yet: not trusted", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WhenFailed_StopsTheWaitWithTheRootCause()
    {
        var verdict = WaitEvaluator.Evaluate(ExampleObjects.Cluster("clusterdeployment-04-failed.yaml"), WaitGoal.Ready, null);

        Assert.Equal(WaitState.Failed, verdict.State);
        Assert.StartsWith("HelmChartReady:", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WhenProvisioning_IsPendingListingTheConditionsNotTrue()
    {
        var verdict = WaitEvaluator.Evaluate(ExampleObjects.Cluster("clusterdeployment-02-provisioning.yaml"), WaitGoal.Ready, null);

        Assert.Equal(WaitState.Pending, verdict.State);
        Assert.Contains(verdict.Unmet, u => u.StartsWith("CAPIClusterSummary False/IssuesReported", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_WhenDeletingWhileAwaitingReady_EndsTheWait()
    {
        var verdict = WaitEvaluator.Evaluate(ExampleObjects.Cluster("clusterdeployment-05-deleting.yaml"), WaitGoal.Ready, null);

        Assert.Equal(WaitState.Deleting, verdict.State);
    }

    [Fact]
    public void Evaluate_WhenAwaitingDeletion_IsPendingWhilePresentAndGoneWhenAbsent()
    {
        Assert.Equal(WaitState.Pending, WaitEvaluator.Evaluate(ExampleObjects.Cluster("clusterdeployment-05-deleting.yaml"), WaitGoal.Deleted, null).State);
        Assert.Equal(WaitState.Gone, WaitEvaluator.Evaluate(null, WaitGoal.Deleted, null).State);
    }

    [Fact]
    public void Evaluate_WhenThereIsNoStatusYet_IsPendingSayingSo()
    {
        var verdict = WaitEvaluator.Evaluate(ExampleObjects.Cluster("clusterdeployment-01-created.yaml"), WaitGoal.Ready, null);

        Assert.Equal(["no status yet: k0rdent has not reconciled the cluster"], verdict.Unmet);
    }

    [Fact]
    public void Evaluate_WhenADryRunValidated_EndsTheWaitWithoutReady()
    {
        var verdict = WaitEvaluator.Evaluate(ExampleObjects.Cluster(Ready, o => o["spec"]!["dryRun"] = true), WaitGoal.Ready, null);

        Assert.Equal(WaitState.DryRun, verdict.State);
        Assert.False(verdict.Phase!.IsReady);
    }

    [Fact]
    public void Evaluate_WhenADryRunIsInvalid_FailsTheWait()
    {
        var verdict = WaitEvaluator.Evaluate(ExampleObjects.Cluster("clusterdeployment-04-failed.yaml", o => o["spec"]!["dryRun"] = true), WaitGoal.Ready, null);

        Assert.Equal(WaitState.Failed, verdict.State);
    }

    private static void RemoveCondition(JsonObject obj, string type)
    {
        var conditions = obj["status"]!["conditions"]!.AsArray();
        conditions.Remove(conditions.First(c => c!["type"]!.GetValue<string>() == type));
    }
}
