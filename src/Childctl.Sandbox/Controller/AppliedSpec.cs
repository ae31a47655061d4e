using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>The parts of a ClusterDeployment spec whose change sends the simulated cluster back through a change plan.</summary>
internal sealed record AppliedSpec(string Template, int ControlPlaneNumber, int WorkersNumber, string Config, string Services)
{
    public static AppliedSpec From(JsonObject cluster, ClusterConfig config) => new(
        JsonAccess.String(cluster, "spec", "template") ?? "",
        config.ControlPlaneNumber,
        config.WorkersNumber,
        JsonAccess.At(cluster, "spec", "config")?.ToJsonString() ?? "",
        JsonAccess.At(cluster, "spec", "serviceSpec", "services")?.ToJsonString() ?? "");
}
