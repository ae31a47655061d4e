using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Controller;

/// <summary>
/// A Credential changed after its clusters were admitted: the controller re-checks the clusters that use it, and
/// CredentialReady fails as k0rdent's controller words it, whether the identity no longer fits the template's
/// cloud or the Credential is no longer ready.
/// </summary>
public sealed class CredentialChangeTests
{
    private const string Credential = "azure-cluster-identity-cred";

    [Fact]
    public async Task AnIdentityKindOfAnotherCloud_FailsCredentialReady_WithTheProvidersWords()
    {
        await using var world = await ReadyClusterAsync();

        await ChangeIdentityAsync(world, "AWSClusterStaticIdentity");

        var cluster = world.Cluster("c1");
        Assert.True(world.Store.Get(ResourceType.Credential, "kcm-system", Credential)!["status"]!["ready"]!.GetValue<bool>());
        Assert.Equal("False/Failed", cluster.State("CredentialReady"));
        Assert.Equal(
            "failed to validate Credential: provider infrastructure-azure does not support ClusterIdentity Kind AWSClusterStaticIdentity from the Credential kcm-system/azure-cluster-identity-cred",
            cluster.Message("CredentialReady"));
        Assert.Equal("False/Failed", cluster.State("Ready"));
    }

    [Fact]
    public async Task AnIdentityThatCannotBeFound_MakesTheCredentialNotReady_AndTheClusterFails()
    {
        await using var world = await ReadyClusterAsync();

        await ChangeIdentityAsync(world, "AzureManagedIdentity");

        var credential = world.Store.Get(ResourceType.Credential, "kcm-system", Credential)!;
        Assert.False(credential["status"]!["ready"]!.GetValue<bool>());
        Assert.Equal("the Credential kcm-system/azure-cluster-identity-cred is not ready", world.Cluster("c1").Message("CredentialReady"));
    }

    [Fact]
    public async Task ACredentialMadeNotReady_FailsCredentialReady_AndReadyAgainRecovers()
    {
        await using var world = await ReadyClusterAsync();

        await SetReadyAsync(world, false);
        Assert.Equal("False/Failed", world.Cluster("c1").State("CredentialReady"));
        Assert.Equal("the Credential kcm-system/azure-cluster-identity-cred is not ready", world.Cluster("c1").Message("Ready"));

        await SetReadyAsync(world, true);
        Assert.Equal("True/Succeeded", world.Cluster("c1").State("CredentialReady"));
        Assert.Equal("True", world.Cluster("c1").Status("Ready"));
    }

    private static async Task<World> ReadyClusterAsync()
    {
        var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("c1"));
        await world.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal("True", world.Cluster("c1").Status("Ready"));
        return world;
    }

    private static async Task ChangeIdentityAsync(World world, string kind)
    {
        var credential = world.Store.Get(ResourceType.Credential, "kcm-system", Credential)!;
        credential["spec"]!["identityRef"]!["kind"] = kind;
        world.Store.Update(ResourceType.Credential, credential, "test");
        await world.Running.WhenIdleAsync();
    }

    private static async Task SetReadyAsync(World world, bool ready)
    {
        var credential = world.Store.Get(ResourceType.Credential, "kcm-system", Credential)!;
        credential["status"]!["ready"] = JsonValue.Create(ready);
        world.Store.UpdateStatus(ResourceType.Credential, credential, "test");
        await world.Running.WhenIdleAsync();
    }
}
