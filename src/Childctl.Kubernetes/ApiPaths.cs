using System.Text;

namespace Childctl.Kubernetes;

/// <summary>A served resource type: where it lives in the API and how messages and <c>-o name</c> call it.</summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind)
{
    public static readonly ResourceKind Secret = new(string.Empty, "v1", "secrets", "Secret");
    public static readonly ResourceKind Event = new(string.Empty, "v1", "events", "Event");
    public static readonly ResourceKind SelfSubjectReview = new("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview");

    /// <summary>Not a kind: the API's <c>/version</c> endpoint, so that an error about it reads <c>endpoint "/version"</c>.</summary>
    internal static readonly ResourceKind VersionEndpoint = new(string.Empty, string.Empty, "version", "endpoint");

    /// <summary><c>clusterdeployments.k0rdent.mirantis.com</c>, as kubectl names a resource.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The <c>-o name</c> prefix, e.g. <c>clusterdeployment.k0rdent.mirantis.com</c>.</summary>
    public string NamePrefix => Group.Length == 0 ? Kind.ToLowerInvariant() : $"{Kind.ToLowerInvariant()}.{Group}";
}

/// <summary>What one API call was about, so an error can name the kind, namespace and name involved.</summary>
internal readonly record struct ApiTarget(string Verb, ResourceKind Kind, string? Namespace, string? Name)
{
    public static ApiTarget List(ResourceKind kind, string? ns) => new("list", kind, ns, null);

    public static ApiTarget Get(ResourceKind kind, string ns, string name) => new("get", kind, ns, name);

    /// <summary>e.g. <c>ClusterDeployment "x" in namespace "kcm-system"</c> or <c>clusterdeployments in all namespaces</c>.</summary>
    public string Describe()
    {
        var where = Namespace is null ? "in all namespaces" : $"in namespace \"{Namespace}\"";
        return Name is null ? $"{Kind.QualifiedPlural} {where}"
            : Namespace is null ? $"{Kind.Kind} \"{Name}\"" // cluster-scoped
            : $"{Kind.Kind} \"{Name}\" {where}";
    }
}

/// <summary>REST paths and query strings of the reads the façade makes, escaped as the API server expects.</summary>
internal static class ApiPaths
{
    /// <summary><c>apis/g/v[/namespaces/ns]/plural</c>, or <c>api/v1/...</c> for the core group.</summary>
    public static string Collection(ResourceKind kind, string? ns)
    {
        var root = kind.Group.Length == 0 ? $"api/{kind.Version}" : $"apis/{kind.Group}/{kind.Version}";
        return ns is null ? $"{root}/{kind.Plural}" : $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{kind.Plural}";
    }

    /// <summary>An object's path; <paramref name="ns"/> null for a cluster-scoped kind.</summary>
    public static string Item(ResourceKind kind, string? ns, string name) => $"{Collection(kind, ns)}/{Uri.EscapeDataString(name)}";

    /// <summary>Appends the parameters that have a value, e.g. <c>?limit=1000&amp;labelSelector=env%3Ddev</c>.</summary>
    public static string WithQuery(string path, params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        return text.ToString();
    }
}
