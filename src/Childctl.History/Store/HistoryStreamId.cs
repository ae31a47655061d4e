using Childctl.History.Naming;

namespace Childctl.History.Store;

/// <summary>
/// One cluster's history: the kubeconfig cluster name of its management cluster (raw, as in the kubeconfig),
/// its namespace and its name. Incarnations of the name share the stream and differ by uid.
/// </summary>
public sealed record HistoryStreamId(string ManagementCluster, string Namespace, string Name)
{
    /// <summary>Throws <see cref="HistoryException"/> (InvalidName) unless both names are valid Kubernetes names.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(ManagementCluster))
        {
            throw new HistoryException(HistoryErrorKind.InvalidName, "the management cluster name is empty");
        }

        KubernetesNames.ValidateNamespace(Namespace);
        KubernetesNames.ValidateClusterName(Name);
    }

    public override string ToString() => $"{ManagementCluster}/{Namespace}/{Name}";
}
