using Childctl.Sandbox.Storage;
using static Childctl.Sandbox.Tests.Storage.StoreObjects;

namespace Childctl.Sandbox.Tests.Storage;

public sealed class ObjectStoreDeleteAndWatchTests
{
    private const string Finalizer = "k0rdent.mirantis.com/cluster-deployment";
    private static readonly ResourceType CdType = ResourceType.ClusterDeployment;
    private readonly ObjectStore _store = new();

    [Fact]
    public void Delete_without_finalizers_removes_and_sends_DELETED_with_a_new_resource_version()
    {
        var created = _store.Create(CdType, Cd("d"), "t");
        var events = new List<StoreEvent>();
        using var _ = _store.Subscribe(events.Add);

        var deleted = _store.Delete(CdType, "default", "d");

        Assert.Null(_store.Get(CdType, "default", "d"));
        var e = Assert.Single(events);
        Assert.Equal("DELETED", e.Type);
        Assert.True(long.Parse(Rv(deleted)) > long.Parse(Rv(created)));
        Assert.Equal(Rv(deleted), e.ResourceVersion.ToString());
    }

    [Fact]
    public void Delete_with_finalizers_marks_terminating_and_removing_the_last_finalizer_deletes()
    {
        _store.Create(CdType, Cd("f", finalizers: Finalizer), "t");

        var terminating = _store.Delete(CdType, "default", "f");
        Assert.NotNull(terminating["metadata"]!["deletionTimestamp"]);
        Assert.Equal(2, Generation(terminating));
        Assert.Equal(Rv(terminating), Rv(_store.Delete(CdType, "default", "f")));

        var events = new List<StoreEvent>();
        using var _ = _store.Subscribe(events.Add);
        terminating["metadata"]!.AsObject().Remove("finalizers");
        _store.Update(CdType, terminating, "ctrl");

        Assert.Null(_store.Get(CdType, "default", "f"));
        Assert.Equal("DELETED", Assert.Single(events).Type);
    }

    [Fact]
    public void Adding_a_finalizer_to_a_terminating_object_is_rejected()
    {
        _store.Create(CdType, Cd("nf", finalizers: Finalizer), "t");
        var obj = _store.Delete(CdType, "default", "nf");
        obj["metadata"]!["finalizers"]!.AsArray().Add("extra");
        var e = Assert.Throws<StoreException>(() => _store.Update(CdType, obj, "t"));
        Assert.Equal(422, e.Code);
    }

    [Fact]
    public void Delete_preconditions_must_match()
    {
        var obj = _store.Create(CdType, Cd("pre"), "t");
        var uidError = Assert.Throws<StoreException>(() => _store.Delete(CdType, "default", "pre", preconditionUid: "other"));
        var rvError = Assert.Throws<StoreException>(() => _store.Delete(CdType, "default", "pre", preconditionResourceVersion: "1"));
        Assert.Equal((409, 409), (uidError.Code, rvError.Code));
        Assert.Contains("Precondition failed: UID in precondition: other", uidError.Message, StringComparison.Ordinal);

        _store.Delete(CdType, "default", "pre", obj["metadata"]!["uid"]!.GetValue<string>(), Rv(obj));
        Assert.Null(_store.Get(CdType, "default", "pre"));
    }

    [Fact]
    public void Delete_of_a_missing_object_fails_with_NotFound()
    {
        var e = Assert.Throws<StoreException>(() => _store.Delete(CdType, "default", "nope"));
        Assert.Equal((404, "clusterdeployments.k0rdent.mirantis.com \"nope\" not found"), (e.Code, e.Message));
    }

    [Fact]
    public void Deleting_a_namespace_deletes_its_contents_and_waits_for_finalizers()
    {
        _store.Create(ResourceType.Namespace, new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "team-a" } }, "t");
        _store.Create(CdType, Cd("plain", ns: "team-a"), "t");
        _store.Create(CdType, Cd("held", ns: "team-a", finalizers: Finalizer), "t");

        var ns = _store.Delete(ResourceType.Namespace, null, "team-a");
        Assert.Equal("Terminating", ns["status"]!["phase"]!.GetValue<string>());
        Assert.Null(_store.Get(CdType, "team-a", "plain"));
        var creating = Assert.Throws<StoreException>(() => _store.Create(CdType, Cd("late", ns: "team-a"), "t"));
        Assert.Equal(403, creating.Code);

        var held = _store.Get(CdType, "team-a", "held")!;
        held["metadata"]!.AsObject().Remove("finalizers");
        _store.Update(CdType, held, "ctrl");
        Assert.Null(_store.Get(ResourceType.Namespace, null, "team-a"));
    }

    [Fact]
    public void Subscribers_see_every_change_in_order_even_when_a_callback_writes()
    {
        var seen = new List<(string Type, string Name, long Rv)>();
        using var _ = _store.Subscribe(e =>
        {
            seen.Add((e.Type, e.Object["metadata"]!["name"]!.GetValue<string>(), e.ResourceVersion));
            if (e.Object["metadata"]!["name"]!.GetValue<string>() == "first")
            {
                _store.Create(CdType, Cd("from-callback"), "ctrl");
            }
        });

        _store.Create(CdType, Cd("first"), "t");
        _store.Create(CdType, Cd("second"), "t");

        Assert.Equal(["first", "from-callback", "second"], seen.Select(s => s.Name));
        Assert.Equal(seen.Select(s => s.Rv).Order(), seen.Select(s => s.Rv));
    }

    [Fact]
    public void Watch_from_zero_starts_with_ADDED_for_current_objects_and_then_follows()
    {
        _store.Create(CdType, Cd("w1"), "t");
        var live = new List<StoreChange>();
        var start = _store.Watch(CdType, "default", 0, live.Add);
        using var _ = start.Subscription;

        _store.Create(CdType, Cd("w2"), "t");
        _store.Create(CdType, Cd("other-ns", ns: "kcm-system"), "t");

        Assert.Equal("w1", Assert.Single(start.Initial).Object.Name);
        Assert.Equal("w2", Assert.Single(live).Object.Name);
    }

    [Fact]
    public void Watch_from_a_version_replays_later_changes_and_expires_after_compaction()
    {
        var from = _store.ResourceVersion;
        _store.Create(CdType, Cd("r1"), "t");
        _store.Create(CdType, Cd("r2"), "t");

        var start = _store.Watch(CdType, null, from, _ => { });
        start.Subscription!.Dispose();
        Assert.Equal(["r1", "r2"], start.Initial.Select(c => c.Object.Name));

        _store.CompactHistory();
        Assert.True(_store.Watch(CdType, null, from, _ => { }).Expired);
    }

    [Fact]
    public void A_full_change_log_expires_the_oldest_versions()
    {
        var store = new ObjectStore(changeLogCapacity: 3);
        var from = store.ResourceVersion;
        for (var i = 0; i < 5; i++)
        {
            store.Create(CdType, Cd($"x{i}"), "t");
        }

        Assert.True(store.Watch(CdType, null, from, _ => { }).Expired);
        Assert.False(store.Watch(CdType, null, store.ResourceVersion - 2, _ => { }).Expired);
    }
}
