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
    SimClock Clock)
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
            clock);
    }

    public CapiContext Capi => new(Namespace, Name, JsonAccess.Uid(Cluster), Config, Template?.Profile, Sim, Failure);
}
