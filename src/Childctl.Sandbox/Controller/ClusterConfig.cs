using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>The parts of <c>spec.config</c> the simulation looks at, with the chart defaults (REFERENCE.md §11).</summary>
internal sealed record ClusterConfig(int ControlPlaneNumber, int WorkersNumber, string Region, string Project, string Subscription)
{
    public static ClusterConfig From(JsonObject cluster, ProviderProfile? profile)
    {
        var config = JsonAccess.At(cluster, "spec", "config");
        return new ClusterConfig(
            (int)Math.Clamp(JsonAccess.Long(config, "controlPlaneNumber") ?? 3, 0, 100),
            (int)Math.Clamp(JsonAccess.Long(config, "workersNumber") ?? 2, 0, 1000),
            JsonAccess.String(config, profile?.RegionKey ?? "region") ?? "",
            JsonAccess.String(config, "project") ?? "",
            JsonAccess.String(config, "subscriptionID") ?? "");
    }
}
