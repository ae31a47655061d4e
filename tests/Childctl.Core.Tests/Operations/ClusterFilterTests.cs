using Childctl.Core.ClusterDeployments;
using Childctl.Core.Operations.Listing;
using Childctl.Core.Templates;
using Childctl.Core.Tests.ClusterDeployments;

namespace Childctl.Core.Tests.Operations;

/// <summary>The one cluster filter of list, delete and watch: alternatives within a filter, AND across them.</summary>
public sealed class ClusterFilterTests
{
    private static readonly ClusterOverview Ready = ClusterOverview.Create(ExampleObjects.Cluster("clusterdeployment-03-ready.yaml"), TemplateCatalog.Empty);

    [Fact]
    public void Matches_WhenEmpty_TakesEverything() => Assert.True(ClusterFilter.None.Matches(Ready));

    [Fact]
    public void Matches_WhenSeveralValuesAreGiven_TakesAnyOfThem()
    {
        var phases = new ClusterFilter { Phases = [ClusterPhase.Failed, ClusterPhase.Ready] };
        var other = new ClusterFilter { Phases = [ClusterPhase.Failed, ClusterPhase.Deleting] };

        Assert.True(phases.Matches(Ready));
        Assert.False(other.Matches(Ready));
    }

    [Fact]
    public void Matches_WhenTheProviderIsUnknown_TakesNothingThatAsksForOne()
    {
        Assert.Null(Ready.Provider);
        Assert.False(new ClusterFilter { Providers = ["aws"] }.Matches(Ready));
    }

    [Fact]
    public void Describe_WhenEveryFilterIsGiven_ReadsAsTheCommandLineInTheOrderGiven() =>
        Assert.Equal("-l env=dev --provider gcp,aws --region eu,us --phase Ready --template t1",
            new ClusterFilter { LabelSelector = "env=dev", Providers = ["gcp", "aws"], Regions = ["eu", "us"], Phases = [ClusterPhase.Ready], Templates = ["t1"] }.Describe());
}
