using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Kubectl;

/// <summary>Objects the kubectl tests start from, written straight into the store (as the simulated controller would).</summary>
internal static class SeededObjects
{
    public static JsonObject Cd(string name, string ns, string env, bool ready)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
            ["kind"] = "ClusterDeployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["env"] = env } },
            ["spec"] = new JsonObject { ["template"] = "aws-standalone-cp-1-0-43", ["credential"] = "aws-cred", ["dryRun"] = false },
        };
        if (ready)
        {
            obj["status"] = ReadyStatus(observedGeneration: 1);
        }

        return obj;
    }

    public static JsonObject ReadyStatus(long observedGeneration) => new()
    {
        ["observedGeneration"] = observedGeneration,
        ["conditions"] = new JsonArray(
            Condition("Ready", "True", "Succeeded", "Object is ready", observedGeneration),
            Condition("ServicesInReadyState", "True", "Succeeded", "1/1", observedGeneration)),
    };

    public static JsonObject Create(ObjectStore store, ResourceType type, JsonObject obj)
    {
        var created = store.Create(type, obj, "seed");
        if (obj["status"] is { } status)
        {
            created["status"] = status.DeepClone();
            created = store.UpdateStatus(type, created, "seed");
        }

        return created;
    }

    public static JsonObject Event(string name, JsonObject involved, string reason, string message) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = involved["metadata"]!["namespace"]!.DeepClone() },
        ["involvedObject"] = new JsonObject
        {
            ["apiVersion"] = "k0rdent.mirantis.com/v1beta1",
            ["kind"] = "ClusterDeployment",
            ["name"] = involved["metadata"]!["name"]!.DeepClone(),
            ["namespace"] = involved["metadata"]!["namespace"]!.DeepClone(),
            ["uid"] = involved["metadata"]!["uid"]!.DeepClone(),
        },
        ["reason"] = reason,
        ["message"] = message,
        ["type"] = "Normal",
        ["source"] = new JsonObject { ["component"] = "kcm-controller-manager" },
        ["firstTimestamp"] = ObjectMeta.Timestamp(DateTimeOffset.UtcNow.AddMinutes(-5)),
        ["lastTimestamp"] = ObjectMeta.Timestamp(DateTimeOffset.UtcNow.AddSeconds(-70)),
        ["count"] = 2,
    };

    private static JsonObject Condition(string type, string status, string reason, string message, long generation) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["lastTransitionTime"] = ObjectMeta.Timestamp(DateTimeOffset.UtcNow),
        ["observedGeneration"] = generation,
    };
}
