using System.Net;
using System.Text.Json.Nodes;
using Childctl.Testing;
using k8s;
using static Childctl.Sandbox.Tests.Http.Client;

namespace Childctl.Sandbox.Tests.Http;

public sealed class ClientValidationTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Kubernetes _k = Admin(f);

    [Fact]
    public async Task A_missing_required_field_is_Invalid_with_a_cause()
    {
        var body = Cd("v-required");
        body["spec"]!.AsObject().Remove("template");

        var (code, status) = await FailureAsync(() => CreateAsync(_k, body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("ClusterDeployment.k0rdent.mirantis.com \"v-required\" is invalid: spec.template: Required value", Message(status));
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray())!;
        Assert.Equal(("FieldValueRequired", "spec.template"), (cause["reason"]!.GetValue<string>(), cause["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Wrong_types_enums_and_bounds_are_each_reported()
    {
        var body = Cd("v-types");
        body["spec"]!["dryRun"] = "yes";
        body["spec"]!["serviceSpec"] = new JsonObject { ["syncMode"] = "Sometimes", ["priority"] = 0 };

        var (_, status) = await FailureAsync(() => CreateAsync(_k, body));

        var reasons = status["details"]!["causes"]!.AsArray().Select(c => $"{c!["field"]}:{c["reason"]}").Order().ToList();
        Assert.Equal(["spec.dryRun:FieldValueTypeInvalid", "spec.serviceSpec.priority:FieldValueInvalid", "spec.serviceSpec.syncMode:FieldValueNotSupported"], reasons);
    }

    [Fact]
    public async Task Strict_field_validation_rejects_unknown_fields()
    {
        var body = Cd("v-strict");
        body["spec"]!["bogusField"] = 1;
        var (code, status) = await FailureAsync(() => CreateAsync(_k, body, fieldValidation: "Strict"));
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("strict decoding error: unknown field \"spec.bogusField\"", Message(status));
    }

    [Fact]
    public async Task Warn_field_validation_prunes_and_sends_a_quoted_warning()
    {
        var body = Cd("v-warn");
        body["spec"]!["bogusField"] = 1;

        using var response = await _k.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<JsonObject>(
            body, CdGroup, CdVersion, "default", CdPlural, fieldValidation: "Warn");

        Assert.Equal("299 - \"unknown field \\\"spec.bogusField\\\"\"", Assert.Single(response.Response.Headers.GetValues("Warning")));
        Assert.Null(response.Body["spec"]!["bogusField"]);
    }

    [Fact]
    public async Task Preserved_config_keeps_unknown_keys()
    {
        var body = Cd("v-config");
        body["spec"]!["config"]!["anything"] = new JsonObject { ["deep"] = true };
        var created = await CreateAsync(_k, body, fieldValidation: "Strict");
        Assert.True(created["spec"]!["config"]!["anything"]!["deep"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Status_writes_are_validated_against_the_status_schema()
    {
        await CreateAsync(_k, Cd("v-status"));
        var patch = new k8s.Models.V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"Maybe"}]}}""", k8s.Models.V1Patch.PatchType.MergePatch);
        var (code, status) = await FailureAsync(() => _k.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonObject>(patch, CdGroup, CdVersion, "default", CdPlural, "v-status"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("status.conditions[0].status: Unsupported value: \"Maybe\"", Message(status), StringComparison.Ordinal);
    }
}
