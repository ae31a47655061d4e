using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Controller;

/// <summary>One reconcile's view of a ClusterDeployment: the object, what it refers to, and its simulation.</summary>
internal sealed record ReconcileContext(
    JsonObject Cluster,
    TemplateInfo? Template,
    CredentialInfo? Credential,
    IReadOnlyList<string> Upgrades,
    FailureInjection Failure,
    ClusterConfig Config,
    ClusterSim Sim,
    SimClock Clock,
    TemplateInfo? PreviousTemplate = null)
{
    public string Namespace => JsonAccess.Namespace(Cluster);

    public string Name => JsonAccess.Name(Cluster);

    public long Generation => JsonAccess.Generation(Cluster);

    /// <summary>Looks up what the cluster refers to; the same for the controller and the seeder.</summary>
    public static ReconcileContext Create(JsonObject cluster, ClusterSim sim, ReferenceCache references, SimClock clock)
    {
        var ns = JsonAccess.Namespace(cluster);
        var template = references.Template(ns, JsonAccess.String(cluster, "spec", "template") ?? "");
        return new ReconcileContext(
            cluster,
            template,
            references.Credential(ns, JsonAccess.String(cluster, "spec", "credential") ?? ""),
            template is null ? [] : references.Upgrades(ns, template.Name),
            FailureInjection.From(cluster),
            ClusterConfig.From(cluster, template?.Profile),
            sim,
            clock,
            sim.PreviousTemplate.Length > 0 ? references.Template(ns, sim.PreviousTemplate) : null);
    }

    public CapiContext Capi => new(Namespace, Name, JsonAccess.Uid(Cluster), Config, Template?.Profile, Sim, Failure,
        Template?.K0sVersion ?? "", PreviousTemplate?.K0sVersion ?? Template?.K0sVersion ?? "");
}

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
