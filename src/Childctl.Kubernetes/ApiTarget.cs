namespace Childctl.Kubernetes;

/// <summary>What one API call was about, so an error can name the kind, namespace and name involved.</summary>
internal readonly record struct ApiTarget(string Verb, ResourceKind Kind, string? Namespace, string? Name)
{
    public static ApiTarget List(ResourceKind kind, string? ns) => new("list", kind, ns, null);

    public static ApiTarget Get(ResourceKind kind, string ns, string name) => new("get", kind, ns, name);

    /// <summary>e.g. <c>ClusterDeployment "x" in namespace "kcm-system"</c> or <c>clusterdeployments in all namespaces</c>.</summary>
    public string Describe()
    {
        var where = Namespace is null ? "in all namespaces" : $"in namespace \"{Namespace}\"";
        return Name is null ? $"{Kind.QualifiedPlural} {where}" : $"{Kind.Kind} \"{Name}\" {where}";
    }
}
