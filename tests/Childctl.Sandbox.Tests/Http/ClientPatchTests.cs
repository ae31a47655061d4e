using System.Net;
using System.Text.Json.Nodes;
using Childctl.Testing;
using k8s;
using k8s.Models;
using static Childctl.Sandbox.Tests.Http.Client;

namespace Childctl.Sandbox.Tests.Http;

public sealed class ClientPatchTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Kubernetes _k = Admin(f);

    [Fact]
    public async Task Merge_patch_null_removes_a_key()
    {
        await CreateAsync(_k, Cd("p-merge"));
        var patched = await PatchAsync("p-merge", """{"spec":{"config":{"region":null,"zone":"b"}}}""", V1Patch.PatchType.MergePatch);
        Assert.Equal("""{"zone":"b"}""", patched["spec"]!["config"]!.ToJsonString());
    }

    [Fact]
    public async Task Json_patch_supports_test_move_and_copy()
    {
        await CreateAsync(_k, Cd("p-json"));
        var patched = await PatchAsync("p-json", """
            [{"op":"test","path":"/spec/template","value":"aws-standalone-cp-1-0-43"},
             {"op":"copy","from":"/spec/template","path":"/metadata/labels"},
             {"op":"remove","path":"/metadata/labels"},
             {"op":"move","from":"/spec/config/region","path":"/spec/config/location"}]
            """, V1Patch.PatchType.JsonPatch);
        Assert.Equal("""{"location":"us-west-2"}""", patched["spec"]!["config"]!.ToJsonString());
    }

    [Fact]
    public async Task A_failed_json_patch_test_is_unprocessable_and_changes_nothing()
    {
        var created = await CreateAsync(_k, Cd("p-test"));
        var (code, _) = await FailureAsync(() => PatchAsync("p-test", """[{"op":"test","path":"/spec/template","value":"other"}]""", V1Patch.PatchType.JsonPatch));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(Rv(created), Rv(await GetAsync(_k, "p-test")));
    }

    [Fact]
    public async Task Server_side_apply_creates_then_updates_and_records_the_manager()
    {
        var body = Cd("p-apply").ToJsonString();
        var first = await _k.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(
            new V1Patch(body, V1Patch.PatchType.ApplyPatch), CdGroup, CdVersion, "default", CdPlural, "p-apply", fieldManager: "my-tool", force: true);
        Assert.Equal(HttpStatusCode.Created, first.Response.StatusCode);

        var second = await PatchAsync("p-apply", body.Replace("us-west-2", "eu-west-1", StringComparison.Ordinal), V1Patch.PatchType.ApplyPatch, "my-tool");
        Assert.Equal("eu-west-1", second["spec"]!["config"]!["region"]!.GetValue<string>());
        var entry = second["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == "my-tool");
        Assert.Equal("Apply", entry!["operation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Strategic_merge_is_unsupported_for_custom_resources()
    {
        await CreateAsync(_k, Cd("p-smp"));
        var (code, status) = await FailureAsync(() => PatchAsync("p-smp", """{"spec":{"credential":"x"}}""", V1Patch.PatchType.StrategicMergePatch));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Contains("application/merge-patch+json", Message(status), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strategic_merge_works_as_a_merge_for_secrets()
    {
        await _k.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "p-secret" }, StringData = new Dictionary<string, string> { ["a"] = "1" } }, "default");
        var patch = new V1Patch("""{"metadata":{"labels":{"x":"y"}},"stringData":{"b":"2"}}""", V1Patch.PatchType.StrategicMergePatch);
        var secret = await _k.CoreV1.PatchNamespacedSecretAsync(patch, "p-secret", "default");
        Assert.Equal(["a", "b"], secret.Data.Keys.Order());
        Assert.Equal("y", secret.Metadata.Labels["x"]);
    }

    [Fact]
    public async Task A_patch_carrying_a_stale_resource_version_conflicts()
    {
        await CreateAsync(_k, Cd("p-rv"));
        var (code, _) = await FailureAsync(() => PatchAsync("p-rv", """{"metadata":{"resourceVersion":"1","labels":{"z":"1"}}}""", V1Patch.PatchType.MergePatch));
        Assert.Equal(HttpStatusCode.Conflict, code);
    }

    private Task<JsonObject> PatchAsync(string name, string body, V1Patch.PatchType type, string manager = "tests") =>
        _k.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(new V1Patch(body, type), CdGroup, CdVersion, "default", CdPlural, name, fieldManager: manager);
}
