using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>The add-on services of <c>spec.serviceSpec.services</c> that are not disabled, and their <c>status.services</c> entries.</summary>
internal static class ServiceEntries
{
    public static int Count(JsonObject cluster) => Enabled(cluster).Count();

    public static IEnumerable<JsonObject> Enabled(JsonObject cluster) =>
        (JsonAccess.At(cluster, "spec", "serviceSpec", "services") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(s => !JsonAccess.Bool(s, "disable") && JsonAccess.String(s, "helmAction") != "Uninstall");

    /// <summary>
    /// Builds <c>status.services</c>: Deployed once the services step has finished, Provisioning while it runs,
    /// absent before the cluster exists. lastStateTransitionTime is kept while the state does not change.
    /// </summary>
    public static JsonArray? Status(JsonObject cluster, JsonArray? previous, ClusterSim sim, DateTimeOffset now)
    {
        var reached = sim.ServicesReady || sim.Current == SimStep.Services;
        if (!reached)
        {
            return null;
        }

        var result = new JsonArray();
        foreach (var service in Enabled(cluster))
        {
            var name = JsonAccess.String(service, "name") ?? "";
            var ns = JsonAccess.String(service, "namespace") ?? "default";
            var old = previous?.OfType<JsonObject>().FirstOrDefault(p => JsonAccess.String(p, "name") == name && JsonAccess.String(p, "namespace") == ns);
            var oldState = JsonAccess.String(old, "state");
            var state = sim.ServicesReady || oldState == "Deployed" ? "Deployed" : "Provisioning";
            result.Add((JsonNode)new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["template"] = JsonAccess.String(service, "template") ?? "",
                ["type"] = "Helm",
                ["state"] = state,
                ["lastStateTransitionTime"] = oldState == state ? JsonAccess.String(old, "lastStateTransitionTime") : Timestamps.Write(now),
            });
        }

        return result;
    }

    public static int Ready(JsonArray? status) =>
        status?.OfType<JsonObject>().Count(s => JsonAccess.String(s, "state") == "Deployed") ?? 0;
}
