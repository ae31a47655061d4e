using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Controller;

public class PipelineCheckTests
{
    [Fact]
    public async Task MissingTemplate_FailsTemplateReady_WithK0rdentMessage()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("old", template: "azure-standalone-cp-1-0-8"));

        var cluster = world.Cluster("old");
        const string Message = "failed to get ClusterTemplate kcm-system/azure-standalone-cp-1-0-8: clustertemplates.k0rdent.mirantis.com \"azure-standalone-cp-1-0-8\" not found";
        Assert.Equal("False/Failed", cluster.State("TemplateReady"));
        Assert.Equal(Message, cluster.Message("TemplateReady"));
        Assert.Equal("False/Failed", cluster.State("Ready"));
        Assert.Equal(Message, cluster.Message("Ready"));
        Assert.Equal("Unknown/Progressing", cluster.State("HelmChartReady"));
        Assert.Equal("ClusterTemplateError", Assert.Single(world.Events("old")).Reason());
    }

    [Fact]
    public async Task InvalidTemplate_FailsWithValidationError()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("new", template: "azure-standalone-cp-1-0-46"));

        var cluster = world.Cluster("new");
        Assert.Equal("False/Failed", cluster.State("TemplateReady"));
        Assert.StartsWith("ClusterTemplate kcm-system/azure-standalone-cp-1-0-46 is not marked as valid: failed to get HelmChart", cluster.Message("TemplateReady"), StringComparison.Ordinal);
        Assert.Equal("InvalidClusterTemplate", world.Events("new").Single().Reason());
    }

    [Fact]
    public async Task MissingCredential_FailsCredentialReady_BeforeTheTemplateIsChecked()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("nocred").With(c => c.Spec()["credential"] = "nope"));

        var cluster = world.Cluster("nocred");
        Assert.Equal("False/Failed", cluster.State("CredentialReady"));
        Assert.Equal("failed to get Credential kcm-system/nope: credentials.k0rdent.mirantis.com \"nope\" not found", cluster.Message("CredentialReady"));
        Assert.Equal("Unknown/Progressing", cluster.State("TemplateReady"));
        Assert.Equal("CredentialError", world.Events("nocred").Single().Reason());
    }

    [Fact]
    public async Task CredentialNotReady_FailsAfterTheChartCheck()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("legacy").With(c => c.Spec()["credential"] = "azure-legacy-cred"));

        var cluster = world.Cluster("legacy");
        Assert.Equal("True/Succeeded", cluster.State("HelmChartReady"));
        Assert.Equal("False/Failed", cluster.State("CredentialReady"));
        Assert.Equal("the Credential kcm-system/azure-legacy-cred is not ready", cluster.Message("CredentialReady"));
        Assert.Equal("False/Failed", cluster.State("Ready"));
        Assert.Equal("CredentialNotReady", world.Events("legacy").Single().Reason());
    }

    [Fact]
    public async Task MissingLocation_FailsHelmChartReady_OnTheChartsEmptyDefault()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("noloc").With(c => c.Config().Remove("location")));

        var cluster = world.Cluster("noloc");
        const string Message = "failed to validate template with provided configuration: values don't meet the specifications of the schema(s) in the following chart(s):\n"
            + "azure-standalone-cp:\n- at '/location': minLength: got 0, want 1\n";
        Assert.Equal("False/Failed", cluster.State("HelmChartReady"));
        Assert.Equal(Message, cluster.Message("HelmChartReady"));
        Assert.Equal("False/Failed", cluster.State("Ready"));
        Assert.Equal(Message, cluster.Message("Ready"));
        Assert.Equal("Unknown/Progressing", cluster.State("CredentialReady"));
        Assert.Equal("Unknown/Progressing", cluster.State("HelmReleaseReady"));
        Assert.Null(cluster.Condition("CAPIClusterSummary"));
        Assert.Equal("ValidationError", world.Events("noloc").Single().Reason());
    }

    [Fact]
    public async Task AwsRootVolumeBelowMinimum_FailsLikeTheExample()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Aws("small").With(c => c.Config()["controlPlane"]!["rootVolumeSize"] = 4));

        Assert.Equal(
            "failed to validate template with provided configuration: values don't meet the specifications of the schema(s) in the following chart(s):\n"
            + "aws-standalone-cp:\n- at '/controlPlane/rootVolumeSize': minimum: got 4, want 8\n",
            world.Cluster("small").Message("HelmChartReady"));
    }

    [Fact]
    public async Task FixingTheConfig_StartsProvisioning()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("noloc").With(c => c.Config()["location"] = ""));
        Assert.Equal("- at '/location': minLength: got 0, want 1", world.Cluster("noloc").Message("HelmChartReady")!.Split('\n')[2]);

        await world.UpdateAsync("noloc", c => c.Config()["location"] = "westeurope");
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));

        var cluster = world.Cluster("noloc");
        Assert.Equal("True/Succeeded", cluster.State("Ready"));
        Assert.Equal(2, cluster.ObservedGeneration());
    }

    [Fact]
    public async Task DryRun_WithValidInput_IsReady_WithoutDeployingAnything()
    {
        await using var world = await World.StartAsync();

        await world.CreateAsync(Clusters.Azure("dry").With(c => c.Spec()["dryRun"] = true));
        await world.AdvanceAsync(TimeSpan.FromMinutes(30));

        var cluster = world.Cluster("dry");
        Assert.Equal("True/Succeeded", cluster.State("Ready"));
        Assert.Equal("Object is ready", cluster.Message("Ready"));
        Assert.Null(cluster.Condition("HelmReleaseReady"));
        Assert.Null(cluster.Condition("CAPIClusterSummary"));
        Assert.Null(world.KubeconfigSecret("dry"));
        Assert.Equal("DryRunEnabled", world.Events("dry").Single().Reason());
    }

    [Fact]
    public async Task DryRunTurnedOff_Provisions()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("dry").With(c => c.Spec()["dryRun"] = true));

        await world.UpdateAsync("dry", c => c.Spec()["dryRun"] = false);
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));

        var cluster = world.Cluster("dry");
        Assert.Equal("True/InstallSucceeded", cluster.State("HelmReleaseReady"));
        Assert.Equal("True/Succeeded", cluster.State("Ready"));
    }

    [Fact]
    public async Task CreatingTheMissingTemplate_LetsTheClusterGoOn()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("waiting", template: "azure-standalone-cp-1-0-47"));
        Assert.Equal("False/Failed", world.Cluster("waiting").State("TemplateReady"));

        world.Store.Create(ResourceType.ClusterTemplate, Templates.Template("azure-standalone-cp-1-0-47", "azure-standalone-cp", "1.0.47"), "test");
        await world.Running.WhenIdleAsync();

        Assert.Equal("True/Succeeded", world.Cluster("waiting").State("TemplateReady"));
    }

    [Fact]
    public async Task UserCreatedCredential_IsMadeReady_WhenItsIdentityKindIsKnown()
    {
        await using var world = await World.StartAsync();
        var credential = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "mine", ["namespace"] = "kcm-system" },
            ["spec"] = new JsonObject { ["identityRef"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["name"] = "x", ["namespace"] = "kcm-system" } },
        };

        world.Store.Create(ResourceType.Credential, credential, "test");
        await world.Running.WhenIdleAsync();

        var stored = world.Store.Get(ResourceType.Credential, "kcm-system", "mine")!;
        Assert.True(stored["status"]!["ready"]!.GetValue<bool>());
        Assert.Equal("Credential is ready", stored.Message("CredentialReady"));
        Assert.Equal(["k0rdent.mirantis.com/credential"], stored.Finalizers());
    }
}
