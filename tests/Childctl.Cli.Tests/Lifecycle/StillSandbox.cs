using System.Text.Json.Nodes;
using Childctl.Sandbox;
using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// A sandbox whose k0rdent controller is off: objects stay exactly as the test writes them, so a test can put a
/// cluster into a precise state (stale Ready, Ready from before an operation, no kubeconfig) without timing.
/// </summary>
public sealed class StillSandbox : LifecycleSandbox
{
    public const string Ns = "kcm-system";

    protected override SandboxOptions Options => new() { EnableController = false };

    /// <summary>Creates a ClusterDeployment with the given Ready state written as k0rdent would, at generation 1, with <paramref name="labels"/> (key=value).</summary>
    public JsonObject Seed(string name, string readyStatus, string readyReason, DateTimeOffset readySince, IEnumerable<string>? labels = null)
    {
        var created = Sandbox.Store.Create(ResourceType.ClusterDeployment, new JsonObject
        {
            ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
            ["kind"] = "ClusterDeployment",
            ["metadata"] = Metadata(name, labels),
            ["spec"] = new JsonObject
            {
                ["template"] = "azure-standalone-cp-1-0-44",
                ["credential"] = "azure-cluster-identity-cred",
                ["config"] = new JsonObject { ["location"] = "eastus", ["subscriptionID"] = "s", ["workersNumber"] = 2, ["controlPlaneNumber"] = 1 },
            },
        }, "test");
        return SetStatus(created, readyStatus, readyReason, readySince, created["metadata"]!["generation"]!.GetValue<long>());
    }

    public JsonObject SetStatus(JsonObject obj, string readyStatus, string readyReason, DateTimeOffset since, long observedGeneration)
    {
        var at = since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        JsonObject Condition(string type, string status, string reason) => new()
        {
            ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = status == "True" ? string.Empty : "not yet",
            ["lastTransitionTime"] = at, ["observedGeneration"] = observedGeneration,
        };
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = observedGeneration,
            ["conditions"] = new JsonArray(
                Condition("TemplateReady", "True", "Succeeded"),
                Condition("HelmReleaseReady", readyStatus, readyStatus == "True" ? "InstallSucceeded" : "Progressing"),
                Condition("CAPIClusterSummary", readyStatus, readyStatus == "True" ? "InfoReported" : "IssuesReported"),
                Condition("Ready", readyStatus, readyReason)),
        };
        return Sandbox.Store.UpdateStatus(ResourceType.ClusterDeployment, obj, "manager");
    }

    private static JsonObject Metadata(string name, IEnumerable<string>? labels)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = Ns };
        foreach (var label in labels ?? [])
        {
            var equals = label.IndexOf('=', StringComparison.Ordinal);
            metadata["labels"] ??= new JsonObject();
            metadata["labels"]![label[..equals]] = label[(equals + 1)..];
        }

        return metadata;
    }

    public JsonObject Get(string name) => Sandbox.Store.Get(ResourceType.ClusterDeployment, Ns, name)!;
}
