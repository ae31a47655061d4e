using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using static Childctl.Sandbox.Tests.Storage.StoreObjects;

namespace Childctl.Sandbox.Tests.Storage;

/// <summary>Each kind keeps its own change log: other kinds' writes never expire a watch, its own kind's do.</summary>
public sealed class ChangeLogPerKindTests
{
    private static readonly ResourceType CdType = ResourceType.ClusterDeployment;

    [Fact]
    public void Writes_of_other_kinds_never_expire_a_kinds_version()
    {
        var store = new ObjectStore(changeLogCapacity: 3);
        store.Create(CdType, Cd("a"), "t");
        var from = store.ResourceVersion;
        for (var i = 0; i < 10; i++)
        {
            store.Create(ResourceType.ConfigMap, new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"cm-{i}", ["namespace"] = "default" } }, "t");
        }

        store.Create(CdType, Cd("b"), "t");

        var start = store.Watch(CdType, null, from, _ => { });
        Assert.False(start.Expired);
        Assert.Equal(["b"], start.Initial.Select(c => c.Object.Name));
    }

    [Fact]
    public void A_version_expires_once_its_own_kind_has_forgotten_the_changes_after_it()
    {
        var store = new ObjectStore(changeLogCapacity: 3);
        store.Create(CdType, Cd("a"), "t");
        var from = store.ResourceVersion;
        for (var i = 0; i < 4; i++)
        {
            store.Create(CdType, Cd($"c-{i}"), "t");
        }

        var start = store.Watch(CdType, null, from, _ => { });
        Assert.True(start.Expired);
        Assert.False(store.Watch(ResourceType.ConfigMap, null, from, _ => { }).Expired);
    }
}
