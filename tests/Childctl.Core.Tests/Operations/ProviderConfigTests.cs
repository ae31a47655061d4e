using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Create;

namespace Childctl.Core.Tests.Operations;

public class ProviderConfigTests
{
    [Fact]
    public void Build_WhenAzure_SendsTheScriptsKeys()
    {
        var config = ProviderConfig.Build(CloudProvider.Azure, new ClusterShape { Location = Where(("--location", "eastus"), ("--subscription-id", "sub-1")), ControlPlaneInstanceSize = "Standard_D2", WorkerNumber = 3, RootVolumeSize = 32 });

        Assert.Equal(
            """{"location":"eastus","subscriptionID":"sub-1","controlPlaneNumber":3,"controlPlane":{"vmSize":"Standard_D2","rootVolumeSize":32},"workersNumber":3,"worker":{"vmSize":"Standard_A4_v2","rootVolumeSize":32}}""",
            config.ToJsonString());
    }

    [Fact]
    public void Build_WhenAws_UsesRegionAndInstanceType()
    {
        var config = ProviderConfig.Build(CloudProvider.Aws, new ClusterShape { Location = Where(("--region", "us-west-2")), ControlPlaneNumber = 1 });

        Assert.Equal(
            """{"region":"us-west-2","controlPlaneNumber":1,"controlPlane":{"instanceType":"t3.small"},"workersNumber":2,"worker":{"instanceType":"t3.small"}}""",
            config.ToJsonString());
    }

    [Fact]
    public void Build_WhenGcp_NeedsAProjectAndUsesRootDeviceSize()
    {
        var config = ProviderConfig.Build(CloudProvider.Gcp, new ClusterShape { Location = Where(("--region", "us-east4"), ("--project", "p1")), RootVolumeSize = 40 });

        Assert.Equal("p1", config["project"]!.GetValue<string>());
        Assert.Equal(40, config["worker"]!["rootDeviceSize"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("azure", "--location is required")]
    [InlineData("aws", "--region is required")]
    [InlineData("gcp", "--project is required")]
    public void Build_WhenALocationFlagIsMissing_FailsNamingIt(string provider, string message)
    {
        var error = Assert.Throws<ChildctlException>(() => ProviderConfig.Build(CloudProvider.Find(provider)!, new ClusterShape()));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenAFlagIsAnotherCloudsFlag_RejectsIt()
    {
        var error = Assert.Throws<ChildctlException>(() => ProviderConfig.Build(CloudProvider.Aws, new ClusterShape { Location = Where(("--region", "r"), ("--location", "eastus")) }));

        Assert.Contains("--location is for azure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenThereAreZeroControlPlanes_RejectsIt()
    {
        var error = Assert.Throws<ChildctlException>(() => ProviderConfig.Build(CloudProvider.Aws, new ClusterShape { Location = Where(("--region", "r")), ControlPlaneNumber = 0 }));

        Assert.Contains("--cp-number must be at least 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenAnAwsRootVolumeIsBelowTheTemplatesMinimum_RejectsItButAcceptsTheMinimum()
    {
        var error = Assert.Throws<ChildctlException>(() => ProviderConfig.Build(CloudProvider.Aws, new ClusterShape { Location = Where(("--region", "r")), RootVolumeSize = 4 }));
        var eight = ProviderConfig.Build(CloudProvider.Aws, new ClusterShape { Location = Where(("--region", "r")), RootVolumeSize = 8 });
        var azureSmall = ProviderConfig.Build(CloudProvider.Azure, new ClusterShape { Location = Where(("--location", "eastus"), ("--subscription-id", "s")), RootVolumeSize = 4 });

        Assert.Equal((ErrorKind.InvalidInput, "--root-volume-size must be at least 8 GB for aws (the aws-standalone-cp templates' minimum; got 4)"), (error.Kind, error.Message));
        Assert.Equal(8, eight["worker"]!["rootVolumeSize"]!.GetValue<int>());
        Assert.Equal(4, azureSmall["worker"]!["rootVolumeSize"]!.GetValue<int>());
    }

    [Fact]
    public void MissingKeys_WhenRequiredKeysAreEmptyOrAbsent_ListsThem()
    {
        var config = JsonNode.Parse("""{"location":"","controlPlane":{"vmSize":"x"}}""")!.AsObject();

        Assert.Equal(["location", "subscriptionID", "worker.vmSize"], ProviderConfig.MissingKeys(CloudProvider.Azure, config));
    }

    private static Dictionary<string, string> Where(params (string Flag, string Value)[] flags) =>
        flags.ToDictionary(f => f.Flag, f => f.Value, StringComparer.Ordinal);
}
