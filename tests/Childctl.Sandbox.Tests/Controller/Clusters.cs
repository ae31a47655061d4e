using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Tests.Controller;

/// <summary>ClusterDeployments as users write them, and readers for what the controller writes.</summary>
internal static class Clusters
{
    public static JsonObject Azure(string name, int workers = 1, int controlPlanes = 1, string template = "azure-standalone-cp-1-0-45", string ns = "kcm-system") => new()
    {
        ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
        ["kind"] = "ClusterDeployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["env"] = "dev" } },
        ["spec"] = new JsonObject
        {
            ["template"] = template,
            ["credential"] = "azure-cluster-identity-cred",
            ["config"] = new JsonObject
            {
                ["location"] = "eastus",
                ["subscriptionID"] = "00000000-1111-2222-3333-444444444444",
                ["controlPlaneNumber"] = controlPlanes,
                ["controlPlane"] = new JsonObject { ["vmSize"] = "Standard_A4_v2", ["rootVolumeSize"] = 32 },
                ["workersNumber"] = workers,
                ["worker"] = new JsonObject { ["vmSize"] = "Standard_A4_v2", ["rootVolumeSize"] = 32 },
            },
        },
    };

    public static JsonObject Aws(string name) => new()
    {
        ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
        ["kind"] = "ClusterDeployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kcm-system" },
        ["spec"] = new JsonObject
        {
            ["template"] = "aws-standalone-cp-1-0-43",
            ["credential"] = "aws-cluster-credential",
            ["config"] = new JsonObject
            {
                ["region"] = "us-west-2",
                ["controlPlaneNumber"] = 1,
                ["controlPlane"] = new JsonObject { ["instanceType"] = "t3.small", ["rootVolumeSize"] = 16 },
                ["workersNumber"] = 1,
                ["worker"] = new JsonObject { ["instanceType"] = "t3.small", ["rootVolumeSize"] = 16 },
            },
        },
    };

    public static JsonObject With(this JsonObject cluster, Action<JsonObject> change)
    {
        change(cluster);
        return cluster;
    }

    public static JsonObject Annotate(this JsonObject cluster, string key, string value)
    {
        var meta = (JsonObject)cluster["metadata"]!;
        if (meta["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            meta["annotations"] = annotations;
        }

        annotations[key] = value;
        return cluster;
    }

    public static JsonObject Spec(this JsonObject cluster) => (JsonObject)cluster["spec"]!;

    public static JsonObject Config(this JsonObject cluster) => (JsonObject)cluster["spec"]!["config"]!;

    public static JsonObject? Condition(this JsonObject cluster, string type) =>
        (cluster["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    public static string? Status(this JsonObject cluster, string type) => cluster.Condition(type)?["status"]?.GetValue<string>();

    public static string? Reason(this JsonObject cluster, string type) => cluster.Condition(type)?["reason"]?.GetValue<string>();

    public static string? Message(this JsonObject cluster, string type) => cluster.Condition(type)?["message"]?.GetValue<string>();

    /// <summary>"Status/Reason" of a condition, for compact assertions.</summary>
    public static string State(this JsonObject cluster, string type) => $"{cluster.Status(type)}/{cluster.Reason(type)}";

    public static IReadOnlyList<string> ConditionTypes(this JsonObject cluster) =>
        (cluster["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["type"]!.GetValue<string>()).ToList();

    public static long Generation(this JsonObject cluster) => cluster["metadata"]!["generation"]!.GetValue<long>();

    public static long? ObservedGeneration(this JsonObject cluster) => cluster["status"]?["observedGeneration"]?.GetValue<long>();

    public static string Rv(this JsonObject cluster) => cluster["metadata"]!["resourceVersion"]!.GetValue<string>();

    public static IReadOnlyList<string> Finalizers(this JsonObject cluster) =>
        (cluster["metadata"]!["finalizers"] as JsonArray ?? []).Select(f => f!.GetValue<string>()).ToList();

    public static string Reason(this JsonNode ev) => ev["reason"]!.GetValue<string>();
}
