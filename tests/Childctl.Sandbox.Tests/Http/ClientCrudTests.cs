using System.Net;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;
using k8s;
using k8s.Models;
using static Childctl.Sandbox.Tests.Http.Client;

namespace Childctl.Sandbox.Tests.Http;

public sealed class ClientCrudTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Kubernetes _k = Admin(f);

    [Fact]
    public async Task Create_sets_server_fields_and_the_CRD_default()
    {
        var created = await CreateAsync(_k, Cd("crud-create"));

        Assert.Equal(1, Generation(created));
        Assert.True(Guid.TryParse(created["metadata"]!["uid"]!.GetValue<string>(), out _));
        Assert.True(created["spec"]!["propagateCredentials"]!.GetValue<bool>());
        var read = await GetAsync(_k, "crud-create");
        Assert.Equal(Rv(created), Rv(read));
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_a_NotFound_status()
    {
        var (code, status) = await FailureAsync(() => GetAsync(_k, "nope"));
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("clusterdeployments.k0rdent.mirantis.com \"nope\" not found", Message(status));
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
        Assert.Equal("nope", status["details"]!["name"]!.GetValue<string>());
        Assert.Null(status["hasObject"]);
    }

    [Fact]
    public async Task Create_of_an_existing_object_is_AlreadyExists()
    {
        await CreateAsync(_k, Cd("crud-dup"));
        var (code, status) = await FailureAsync(() => CreateAsync(_k, Cd("crud-dup")));
        Assert.Equal((HttpStatusCode.Conflict, "AlreadyExists"), (code, status["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_in_a_missing_namespace_names_the_namespace()
    {
        var (code, status) = await FailureAsync(() => CreateAsync(_k, Cd("x", ns: "nosuchns"), ns: "nosuchns"));
        Assert.Equal((HttpStatusCode.NotFound, "namespaces \"nosuchns\" not found"), (code, Message(status)));
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_is_a_Conflict()
    {
        var created = await CreateAsync(_k, Cd("crud-stale"));
        var fresh = created.DeepClone().AsObject();
        fresh["spec"]!["template"] = "t2";
        await _k.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(fresh, CdGroup, CdVersion, "default", CdPlural, "crud-stale");

        created["spec"]!["template"] = "t3";
        var (code, status) = await FailureAsync(() => _k.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(created, CdGroup, CdVersion, "default", CdPlural, "crud-stale"));
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("the object has been modified", Message(status), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generation_follows_spec_changes_only()
    {
        await CreateAsync(_k, Cd("crud-gen"));
        var labelled = await PatchAsync("crud-gen", """{"metadata":{"labels":{"env":"dev"}}}""");
        var respecced = await PatchAsync("crud-gen", """{"spec":{"template":"t2"}}""");
        Assert.Equal((1, 2), (Generation(labelled), Generation(respecced)));
    }

    [Fact]
    public async Task Status_is_written_only_through_the_status_subresource()
    {
        await CreateAsync(_k, Cd("crud-status"));
        await PatchAsync("crud-status", """{"status":{"observedGeneration":7}}""");
        Assert.Null((await GetAsync(_k, "crud-status"))["status"]);

        var patch = new V1Patch("""{"status":{"observedGeneration":1},"spec":{"template":"ignored"}}""", V1Patch.PatchType.MergePatch);
        await _k.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(patch, CdGroup, CdVersion, "default", CdPlural, "crud-status");
        var status = await _k.CustomObjects.GetNamespacedCustomObjectStatusAsync<JsonObject>(CdGroup, CdVersion, "default", CdPlural, "crud-status");
        Assert.Equal(1, status["status"]!["observedGeneration"]!.GetValue<int>());
        Assert.Equal("aws-standalone-cp-1-0-43", status["spec"]!["template"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_preconditions_must_match_the_object()
    {
        var created = await CreateAsync(_k, Cd("crud-pre"));
        var wrong = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "0000" } };
        var (code, _) = await FailureAsync(() => _k.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(CdGroup, CdVersion, "default", CdPlural, "crud-pre", wrong));
        Assert.Equal(HttpStatusCode.Conflict, code);

        var right = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = created["metadata"]!["uid"]!.GetValue<string>(), ResourceVersion = Rv(created) } };
        await _k.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(CdGroup, CdVersion, "default", CdPlural, "crud-pre", right);
        Assert.Null(f.Store.Get(ResourceType.ClusterDeployment, "default", "crud-pre"));
    }

    [Fact]
    public async Task Delete_of_an_object_with_a_finalizer_marks_it_until_the_finalizer_goes()
    {
        var body = Cd("crud-fin");
        body["metadata"]!["finalizers"] = new JsonArray("k0rdent.mirantis.com/cluster-deployment");
        await CreateAsync(_k, body);

        var terminating = await _k.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(CdGroup, CdVersion, "default", CdPlural, "crud-fin");
        Assert.NotNull(terminating["metadata"]!["deletionTimestamp"]);
        Assert.Equal(2, Generation(terminating));

        await PatchAsync("crud-fin", """{"metadata":{"finalizers":null}}""");
        var (code, _) = await FailureAsync(() => GetAsync(_k, "crud-fin"));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task Dry_run_create_answers_but_stores_nothing()
    {
        var rv = f.Store.ResourceVersion;
        var answer = await CreateAsync(_k, Cd("crud-dry"), dryRun: "All");
        Assert.Equal("crud-dry", Name(answer));
        Assert.Null(f.Store.Get(ResourceType.ClusterDeployment, "default", "crud-dry"));
        Assert.Equal(rv, f.Store.ResourceVersion);
    }

    [Fact]
    public async Task Secret_string_data_is_stored_as_bytes_with_type_Opaque()
    {
        await _k.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "crud-secret" },
            StringData = new Dictionary<string, string> { ["value"] = "kubeconfig-text" },
        }, "default");
        var secret = await _k.CoreV1.ReadNamespacedSecretAsync("crud-secret", "default");
        Assert.Equal("kubeconfig-text", System.Text.Encoding.UTF8.GetString(secret.Data["value"]));
        Assert.Equal("Opaque", secret.Type);
    }

    [Fact]
    public async Task Events_are_filtered_by_involved_object_fields()
    {
        foreach (var (name, target) in new[] { ("ev-a.1", "cd-a"), ("ev-b.1", "cd-b") })
        {
            await _k.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = name },
                InvolvedObject = new V1ObjectReference { Kind = "ClusterDeployment", Name = target, NamespaceProperty = "default" },
                Reason = "HelmReleaseCreated",
                Type = "Normal",
                Message = "made",
            }, "default");
        }

        var events = await _k.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=cd-a,involvedObject.kind=ClusterDeployment");
        Assert.Equal("ev-a.1", Assert.Single(events.Items).Metadata.Name);
    }

    private Task<JsonObject> PatchAsync(string name, string mergePatch) =>
        _k.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), CdGroup, CdVersion, "default", CdPlural, name);
}
