namespace Childctl.Sandbox.Tests.Controller;

public class EventTests
{
    [Fact]
    public async Task Provisioning_RecordsNormalEvents_InOrder_WithTheClusterUid()
    {
        await using var world = await World.StartAsync();
        var created = await world.CreateAsync(Clusters.Azure("dev1"));

        await world.AdvanceAsync(TimeSpan.FromMinutes(10));

        var events = world.Events("dev1");
        Assert.Equal(["HelmReleaseCreated", "HelmReleaseIsReady", "CAPIClusterIsProvisioning", "CAPIClusterIsReady"], events.Select(e => e.Reason()));
        Assert.All(events, e =>
        {
            Assert.Equal("Normal", e["type"]!.GetValue<string>());
            Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), e["involvedObject"]!["uid"]!.GetValue<string>());
            Assert.Equal("ClusterDeployment", e["involvedObject"]!["kind"]!.GetValue<string>());
            Assert.Equal("k0rdent.mirantis.com/v1beta1", e["involvedObject"]!["apiVersion"]!.GetValue<string>());
            Assert.Equal(1, e["count"]!.GetValue<long>());
            Assert.StartsWith("dev1.", e["metadata"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task RepeatedWarning_IsAggregated_IntoOneEventWithACount()
    {
        await using var world = await World.StartAsync();
        await world.CreateAsync(Clusters.Azure("bad", template: "nope"));

        await world.UpdateAsync("bad", c => c["metadata"]!["labels"]!["touch"] = "1");
        await world.AdvanceAsync(TimeSpan.FromMinutes(1));
        await world.UpdateAsync("bad", c => c["metadata"]!["labels"]!["touch"] = "2");

        var warning = Assert.Single(world.Events("bad"));
        Assert.Equal("Warning", warning["type"]!.GetValue<string>());
        Assert.Equal("ClusterTemplateError", warning.Reason());
        Assert.Equal(3, warning["count"]!.GetValue<long>());
        Assert.Equal("2026-09-02T09:00:00Z", warning["firstTimestamp"]!.GetValue<string>());
        Assert.Equal("2026-09-02T09:01:00Z", warning["lastTimestamp"]!.GetValue<string>());
    }
}
