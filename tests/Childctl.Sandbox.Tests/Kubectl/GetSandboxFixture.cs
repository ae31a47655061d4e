using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>A bare sandbox holding a few clusters, a kubeconfig Secret and an Event, for read-only kubectl tests.</summary>
public sealed class GetSandboxFixture : BareSandboxFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var demo1 = SeededObjects.Create(Store, ResourceType.ClusterDeployment, SeededObjects.Cd("demo-1", "kcm-system", "dev", ready: true));
        SeededObjects.Create(Store, ResourceType.ClusterDeployment, SeededObjects.Cd("demo-2", "kcm-system", "prod", ready: false));
        SeededObjects.Create(Store, ResourceType.ClusterDeployment, SeededObjects.Cd("other-1", "default", "dev", ready: false));
        Store.Create(ResourceType.Secret, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "demo-1-kubeconfig", ["namespace"] = "kcm-system" },
            ["type"] = "cluster.x-k8s.io/secret",
            ["stringData"] = new JsonObject { ["value"] = "apiVersion: v1\nkind: Config\n" },
        }, "seed");
        Store.Create(ResourceType.Event, SeededObjects.Event("demo-1.1", demo1, "HelmReleaseIsReady", "HelmRelease is ready"), "seed");
    }
}
