using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Tests.Storage;

/// <summary>Builders for the objects the store tests write.</summary>
internal static class StoreObjects
{
    public static JsonObject Cd(string name, string ns = "default", string template = "aws-standalone-cp-1-0-43", params string[] finalizers)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (finalizers.Length > 0)
        {
            meta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)f).ToArray());
        }

        return new JsonObject
        {
            ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
            ["kind"] = "ClusterDeployment",
            ["metadata"] = meta,
            ["spec"] = new JsonObject { ["template"] = template, ["credential"] = "aws-cred" },
        };
    }

    public static string Rv(JsonObject obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();

    public static long Generation(JsonObject obj) => obj["metadata"]!["generation"]!.GetValue<long>();
}
