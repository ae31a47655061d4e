using Childctl.Core.Errors;
using Childctl.Core.Operations.Change;
using Childctl.Core.Tests.ClusterDeployments;

namespace Childctl.Core.Tests.Operations.Change;

public class ChangeGuardTests
{
    private const string Ready = "clusterdeployment-03-ready.yaml";

    [Fact]
    public void Check_WhenTheLastChangeIsSettled_AllowsEveryChange()
    {
        var cluster = ExampleObjects.Cluster(Ready);

        foreach (var kind in Enum.GetValues<SpecChangeKind>())
        {
            Assert.Empty(ChangeGuard.Check(cluster, kind, force: false));
        }
    }

    [Theory]
    [InlineData(SpecChangeKind.Scale)]
    [InlineData(SpecChangeKind.Upgrade)]
    [InlineData(SpecChangeKind.Config)]
    public void Check_WhenTheGenerationIsNotObserved_RefusesNamingItAndHowToWait(SpecChangeKind kind)
    {
        var cluster = ExampleObjects.Cluster(Ready, o => o["metadata"]!["generation"] = 2);

        var error = Assert.Throws<ChildctlException>(() => ChangeGuard.Check(cluster, kind, force: false));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("still has a change in flight (generation 2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("k0rdent has observed only generation 1", error.Message, StringComparison.Ordinal);
        Assert.Contains($"wait for it with 'childctl wait {cluster.Name}', or pass --force", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenTheHelmReleaseIsStillUpgrading_Refuses()
    {
        var cluster = ExampleObjects.Cluster(Ready, o =>
        {
            var helm = o["status"]!["conditions"]!.AsArray().First(c => c!["type"]!.GetValue<string>() == "HelmReleaseReady")!;
            helm["status"] = "False";
            helm["reason"] = "Progressing";
            helm["message"] = "Helm upgrade in progress";
        });

        var error = Assert.Throws<ChildctlException>(() => ChangeGuard.Check(cluster, SpecChangeKind.Upgrade, force: false));

        Assert.Contains("HelmReleaseReady", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenForced_ReturnsWhatItOverrode()
    {
        var cluster = ExampleObjects.Cluster(Ready, o => o["metadata"]!["generation"] = 2);

        var forced = ChangeGuard.Check(cluster, SpecChangeKind.Scale, force: true);

        Assert.Single(forced);
        var parameters = ChangeGuard.Forced(null, forced);
        Assert.Equal("true", parameters["forced"]);
        Assert.StartsWith("still has a change in flight", parameters["forced_over"], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenDeleting_RefusesEvenWithForce()
    {
        var cluster = ExampleObjects.Cluster("clusterdeployment-05-deleting.yaml");

        var error = Assert.Throws<ChildctlException>(() => ChangeGuard.Check(cluster, SpecChangeKind.Scale, force: true));

        Assert.Contains("is being deleted", error.Message, StringComparison.Ordinal);
        Assert.Contains("even with --force", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenFailed_RefusesAScaleButNotAnUpgradeOrAConfigFix()
    {
        var cluster = ExampleObjects.Cluster("clusterdeployment-04-failed.yaml");

        var error = Assert.Throws<ChildctlException>(() => ChangeGuard.Check(cluster, SpecChangeKind.Scale, force: false));

        Assert.Contains("is Failed (", error.Message, StringComparison.Ordinal);
        Assert.Contains("scaling does not fix a failure", error.Message, StringComparison.Ordinal);
        Assert.Empty(ChangeGuard.Check(cluster, SpecChangeKind.Upgrade, force: false));
        Assert.Empty(ChangeGuard.Check(cluster, SpecChangeKind.Config, force: false));
    }

    [Fact]
    public void Check_WhenADryRun_RefusesAScaleSayingNothingIsDeployed()
    {
        var cluster = ExampleObjects.Cluster(Ready, o => o["spec"]!["dryRun"] = true);

        var error = Assert.Throws<ChildctlException>(() => ChangeGuard.Check(cluster, SpecChangeKind.Scale, force: false));

        Assert.Contains("is a dry run (spec.dryRun: true): nothing is deployed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "etcd needs a majority (2 of 2) for quorum, so 2 members survive no more failures than 1")]
    [InlineData(4, "etcd needs a majority (3 of 4) for quorum, so 4 members survive no more failures than 3")]
    public void Check_WhenTheControlPlaneCountIsEven_RefusesWithTheQuorumReason(int count, string reason)
    {
        var cluster = ExampleObjects.Cluster(Ready);

        var error = Assert.Throws<ChildctlException>(() => ChangeGuard.Check(cluster, SpecChangeKind.Scale, force: false, count));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Single(ChangeGuard.Check(cluster, SpecChangeKind.Scale, force: true, count));
        Assert.Empty(ChangeGuard.Check(cluster, SpecChangeKind.Scale, force: false, count + 1));
    }
}
