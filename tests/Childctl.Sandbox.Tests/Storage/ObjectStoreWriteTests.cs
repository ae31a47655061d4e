using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using static Childctl.Sandbox.Tests.Storage.StoreObjects;

namespace Childctl.Sandbox.Tests.Storage;

public sealed class ObjectStoreWriteTests
{
    private static readonly ResourceType CdType = ResourceType.ClusterDeployment;
    private readonly ObjectStore _store = new();

    [Fact]
    public void New_store_has_the_seeded_namespaces_active_with_their_name_label()
    {
        var names = _store.List(ResourceType.Namespace, null).Select(n => n["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["default", "kcm-system", "kube-public", "kube-system"], names);
        var kcm = _store.Get(ResourceType.Namespace, null, "kcm-system")!;
        Assert.Equal("Active", kcm["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("kubernetes", kcm["spec"]!["finalizers"]![0]!.GetValue<string>());
        Assert.Equal("kcm-system", kcm["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
    }

    [Fact]
    public void Create_sets_server_fields_and_a_newer_resource_version()
    {
        var before = _store.ResourceVersion;
        var created = _store.Create(CdType, Cd("demo-1"), "test");

        var meta = created["metadata"]!;
        Assert.True(Guid.TryParse(meta["uid"]!.GetValue<string>(), out _));
        Assert.Equal((before + 1).ToString(), Rv(created));
        Assert.Equal(1, Generation(created));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", meta["creationTimestamp"]!.GetValue<string>());
        Assert.Equal("test", meta["managedFields"]![0]!["manager"]!.GetValue<string>());
        Assert.Equal(before + 1, _store.ResourceVersion);
    }

    [Fact]
    public void Create_with_generateName_picks_a_unique_name()
    {
        var obj = Cd("x");
        obj["metadata"]!.AsObject().Remove("name");
        obj["metadata"]!["generateName"] = "gen-";

        var a = _store.Create(CdType, obj, "t")["metadata"]!["name"]!.GetValue<string>();
        var b = _store.Create(CdType, obj, "t")["metadata"]!["name"]!.GetValue<string>();

        Assert.StartsWith("gen-", a, StringComparison.Ordinal);
        Assert.Equal(9, a.Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Create_twice_fails_with_AlreadyExists()
    {
        _store.Create(CdType, Cd("dup"), "t");
        var e = Assert.Throws<StoreException>(() => _store.Create(CdType, Cd("dup"), "t"));
        Assert.Equal((409, "AlreadyExists"), (e.Code, e.Reason));
        Assert.Equal("clusterdeployments.k0rdent.mirantis.com \"dup\" already exists", e.Message);
    }

    [Fact]
    public void Create_in_a_missing_namespace_fails_with_NotFound_naming_the_namespace()
    {
        var e = Assert.Throws<StoreException>(() => _store.Create(CdType, Cd("a", ns: "nosuchns"), "t"));
        Assert.Equal((404, "namespaces \"nosuchns\" not found"), (e.Code, e.Message));
    }

    [Fact]
    public void Create_with_an_invalid_name_fails_with_Invalid()
    {
        var e = Assert.Throws<StoreException>(() => _store.Create(CdType, Cd("Bad_Name"), "t"));
        Assert.Equal(422, e.Code);
        Assert.StartsWith("ClusterDeployment.k0rdent.mirantis.com \"Bad_Name\" is invalid: metadata.name: Invalid value", e.Message, StringComparison.Ordinal);
        Assert.Equal("metadata.name", Assert.Single(e.Details!.Causes!).Field);
    }

    [Fact]
    public void Returned_objects_are_copies()
    {
        var created = _store.Create(CdType, Cd("copy"), "t");
        created["spec"]!["template"] = "changed";
        Assert.Equal("aws-standalone-cp-1-0-43", _store.Get(CdType, "default", "copy")!["spec"]!["template"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("labels", "bad key", "v", "Invalid value: \"bad key\": name part must consist of alphanumeric characters")]
    [InlineData("labels", "team", "a b", "Invalid value: \"a b\": a valid label must be an empty string")]
    [InlineData("labels", "Example.com/team", "a", "Invalid value: \"Example.com/team\": prefix part a lowercase RFC 1123 subdomain")]
    [InlineData("annotations", "-note", "any text at all", "Invalid value: \"-note\": name part must consist of alphanumeric characters")]
    public void Create_or_update_with_a_label_or_annotation_the_apiserver_refuses_fails_with_Invalid(string map, string key, string value, string message)
    {
        var bad = Cd("l1");
        bad["metadata"]![map] = new JsonObject { [key] = value };
        var created = _store.Create(CdType, Cd("l2"), "t");
        created["metadata"]![map] = new JsonObject { [key] = value };

        var onCreate = Assert.Throws<StoreException>(() => _store.Create(CdType, bad, "t"));
        var onUpdate = Assert.Throws<StoreException>(() => _store.Update(CdType, created, "t"));

        foreach (var e in new[] { onCreate, onUpdate })
        {
            Assert.Equal(422, e.Code);
            var cause = Assert.Single(e.Details!.Causes!);
            Assert.Equal($"metadata.{map}", cause.Field);
            Assert.StartsWith(message, cause.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Labels_and_annotations_the_apiserver_accepts_are_kept()
    {
        var obj = Cd("l3");
        obj["metadata"]!["labels"] = new JsonObject { ["example.com/team"] = "platform", ["tier"] = "", ["k0rdent.mirantis.com/component"] = "kcm" };
        obj["metadata"]!["annotations"] = new JsonObject { ["childctl.dev/reason"] = "free text, with spaces: and <brackets>" };

        var created = _store.Create(CdType, obj, "t");

        Assert.Equal("platform", created["metadata"]!["labels"]!["example.com/team"]!.GetValue<string>());
    }

    [Fact]
    public void Update_with_a_stale_resource_version_fails_with_Conflict()
    {
        var created = _store.Create(CdType, Cd("c"), "t");
        var first = created.DeepClone().AsObject();
        first["spec"]!["template"] = "t2";
        _store.Update(CdType, first, "t");

        created["spec"]!["template"] = "t3";
        var e = Assert.Throws<StoreException>(() => _store.Update(CdType, created, "t"));
        Assert.Equal((409, "Conflict"), (e.Code, e.Reason));
        Assert.Contains("the object has been modified", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generation_moves_only_with_spec_changes()
    {
        var obj = _store.Create(CdType, Cd("g"), "t");
        obj["metadata"]!["labels"] = new JsonObject { ["env"] = "dev" };
        obj = _store.Update(CdType, obj, "t");
        Assert.Equal(1, Generation(obj));

        obj["spec"]!["template"] = "t2";
        obj = _store.Update(CdType, obj, "t");
        Assert.Equal(2, Generation(obj));

        obj["status"] = new JsonObject { ["observedGeneration"] = 2 };
        obj = _store.UpdateStatus(CdType, obj, "t");
        Assert.Equal(2, Generation(obj));
    }

    [Fact]
    public void Main_update_keeps_status_and_status_update_changes_only_status()
    {
        var obj = _store.Create(CdType, Cd("s"), "t");
        obj["status"] = new JsonObject { ["observedGeneration"] = 1 };
        obj["spec"]!["template"] = "ignored-by-status-write";
        obj = _store.UpdateStatus(CdType, obj, "ctrl");
        Assert.Equal("aws-standalone-cp-1-0-43", obj["spec"]!["template"]!.GetValue<string>());
        Assert.Equal(1, obj["status"]!["observedGeneration"]!.GetValue<int>());

        obj["status"] = new JsonObject { ["observedGeneration"] = 99 };
        obj["spec"]!["template"] = "t2";
        obj = _store.Update(CdType, obj, "t");
        Assert.Equal(1, obj["status"]!["observedGeneration"]!.GetValue<int>());
        Assert.Equal("t2", obj["spec"]!["template"]!.GetValue<string>());
    }

    [Fact]
    public void No_op_update_keeps_the_resource_version_and_sends_no_event()
    {
        var obj = _store.Create(CdType, Cd("noop"), "t");
        var events = new List<StoreEvent>();
        using var _ = _store.Subscribe(events.Add);

        var again = _store.Update(CdType, obj, "someone-else");

        Assert.Equal(Rv(obj), Rv(again));
        Assert.Empty(events);
    }

    [Fact]
    public void Secret_stringData_becomes_base64_data_and_type_defaults_to_Opaque()
    {
        var secret = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "s1", ["namespace"] = "default" },
            ["stringData"] = new JsonObject { ["value"] = "hello" },
        };
        var created = _store.Create(ResourceType.Secret, secret, "t");
        Assert.Equal("aGVsbG8=", created["data"]!["value"]!.GetValue<string>());
        Assert.Equal("Opaque", created["type"]!.GetValue<string>());
        Assert.Null(created["stringData"]);
        Assert.Null(created["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Concurrent_writes_get_distinct_increasing_resource_versions()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                _store.Create(CdType, Cd($"p-{t}-{i}"), "t");
            }
        })));
        var rvs = _store.List(CdType, "default").Select(o => long.Parse(Rv(o))).ToList();
        Assert.Equal(400, rvs.Distinct().Count());
    }
}
