namespace Childctl.Kubernetes;

/// <summary>A served resource type: where it lives in the API and how messages and <c>-o name</c> call it.</summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind)
{
    public static readonly ResourceKind Secret = new(string.Empty, "v1", "secrets", "Secret");
    public static readonly ResourceKind Event = new(string.Empty, "v1", "events", "Event");
    public static readonly ResourceKind SelfSubjectReview = new("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview");

    /// <summary><c>clusterdeployments.k0rdent.mirantis.com</c>, as kubectl names a resource.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The <c>-o name</c> prefix, e.g. <c>clusterdeployment.k0rdent.mirantis.com</c>.</summary>
    public string NamePrefix => Group.Length == 0 ? Kind.ToLowerInvariant() : $"{Kind.ToLowerInvariant()}.{Group}";
}
