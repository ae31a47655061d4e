using Childctl.Core.Templates;

namespace Childctl.Core.ClusterDeployments;

/// <summary>
/// One ClusterDeployment with what childctl derives from it live: the verdict of <see cref="PhaseRule"/>, the
/// provider (from its template's <c>status.providers</c>) and region (from <c>spec.config</c>), and the defaults
/// its template fills in. Every command builds these the same way, through <see cref="Create"/>.
/// </summary>
public sealed record ClusterOverview(
    ClusterDeployment Cluster,
    PhaseVerdict Verdict,
    string? Provider,
    string? Region,
    string? KubernetesVersion,
    long? Workers)
{
    public static ClusterOverview Create(ClusterDeployment cluster, TemplateCatalog templates)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(templates);
        var template = templates.Find(cluster.Namespace, cluster.Template);
        var provider = template?.InfrastructureProvider;
        return new ClusterOverview(
            cluster,
            PhaseRule.Evaluate(cluster),
            provider,
            CloudProvider.RegionOf(cluster, provider),
            cluster.K8sVersion ?? cluster.ConfigString("k0s", "version") ?? template?.K8sVersion ?? template?.K0sVersion,
            cluster.ConfigInteger("workersNumber") ?? template?.DefaultWorkers);
    }

    /// <summary>The ServicesInReadyState message (<c>ready/total</c>), as kubectl's SERVICES column shows it.</summary>
    public string? ServicesSummary => Cluster.FindCondition(ConditionTypes.ServicesInReadyState)?.Message is { Length: > 0 } m ? m : null;
}
