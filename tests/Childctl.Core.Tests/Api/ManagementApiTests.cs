using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Kubernetes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Core.Tests.Api;

/// <summary>Core's façade over the client, against a sandbox with the controller off: the k0rdent reads and Core's errors.</summary>
public sealed class ManagementApiTests(BareSandboxFixture fixture) : IClassFixture<BareSandboxFixture>
{
    [Fact]
    public async Task GetKubeconfigAvailability_WhenTheSecretHasAValueOrNot_SaysSo()
    {
        AddSecret("ka-1-kubeconfig", new JsonObject { ["value"] = "YXBpVmVyc2lvbjogdjE=" });
        AddSecret("ka-2-kubeconfig", new JsonObject());
        using var api = Api();

        Assert.Equal(KubeconfigAvailability.Available, await api.GetKubeconfigAvailabilityAsync("kcm-system", "ka-1", CancellationToken.None));
        Assert.Equal(KubeconfigAvailability.MissingValue, await api.GetKubeconfigAvailabilityAsync("kcm-system", "ka-2", CancellationToken.None));
        Assert.Equal(KubeconfigAvailability.NotYetAvailable, await api.GetKubeconfigAvailabilityAsync("kcm-system", "ka-3", CancellationToken.None));
        Assert.Equal("apiVersion: v1", await api.ReadKubeconfigAsync("kcm-system", "ka-1", CancellationToken.None));
    }

    [Fact]
    public async Task Get_WhenTheClusterIsMissing_IsCoresNotFound_SayingWhereToLook()
    {
        using var api = Api();

        var error = await Assert.ThrowsAsync<Errors.ChildctlException>(() => api.GetAsync(Core.Api.K0rdentKinds.ClusterDeployment, "kcm-system", "nope", CancellationToken.None));

        Assert.Equal(Errors.ErrorKind.NotFound, error.Kind);
        Assert.EndsWith("('childctl list -n kcm-system' shows what exists; -A searches every namespace)", error.Message, StringComparison.Ordinal);
    }

    private Core.Api.ManagementApi Api() => new(Core.Api.ManagementApi.Resolve(fixture.KubeconfigPath, null, null, _ => null), new ApiOptions());

    private void AddSecret(string name, JsonObject data) => fixture.Store.Create(ResourceType.Secret, new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kcm-system" },
        ["data"] = data,
    }, "test");
}
