using System.Net;
using System.Text.Json.Nodes;
using Childctl.Testing;
using k8s;
using k8s.Autorest;

namespace Childctl.Sandbox.Tests.Http;

/// <summary>Builds official-client connections to a test sandbox and small helpers over its objects.</summary>
internal static class Client
{
    public const string CdGroup = "k0rdent.mirantis.com";
    public const string CdVersion = "v1beta1";
    public const string CdPlural = "clusterdeployments";

    public static Kubernetes Admin(SandboxFixture f) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(f.KubeconfigPath));

    public static Kubernetes Viewer(SandboxFixture f) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(f.ReadOnlyKubeconfigPath));

    public static JsonObject Cd(string name, string ns = "default", string template = "aws-standalone-cp-1-0-43") => new()
    {
        ["apiVersion"] = $"{CdGroup}/{CdVersion}",
        ["kind"] = "ClusterDeployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["template"] = template, ["credential"] = "aws-cred", ["config"] = new JsonObject { ["region"] = "us-west-2" } },
    };

    public static Task<JsonObject> CreateAsync(Kubernetes k, JsonObject body, string ns = "default", string? dryRun = null, string? fieldValidation = null) =>
        k.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(body, CdGroup, CdVersion, ns, CdPlural, dryRun: dryRun, fieldManager: "tests", fieldValidation: fieldValidation);

    public static Task<JsonObject> GetAsync(Kubernetes k, string name, string ns = "default") =>
        k.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(CdGroup, CdVersion, ns, CdPlural, name);

    public static async Task<JsonObject> ListAsync(Kubernetes k, string ns = "default", string? labelSelector = null, string? fieldSelector = null, int? limit = null, string? continueToken = null) =>
        await k.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(CdGroup, CdVersion, ns, CdPlural,
            continueParameter: continueToken, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit);

    public static string Rv(JsonObject o) => o["metadata"]!["resourceVersion"]!.GetValue<string>();

    public static long Generation(JsonObject o) => o["metadata"]!["generation"]!.GetValue<long>();

    public static string Name(JsonNode? o) => o!["metadata"]!["name"]!.GetValue<string>();

    /// <summary>Runs a call expected to fail; returns the HTTP code and the Status body the server sent.</summary>
    public static async Task<(HttpStatusCode Code, JsonObject Status)> FailureAsync(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        return (e.Response.StatusCode, JsonNode.Parse(e.Response.Content)!.AsObject());
    }

    public static string Message(JsonObject status) => status["message"]!.GetValue<string>();
}
