namespace Childctl.Sandbox.Storage;

/// <summary>A kind the emulator serves: group ("" for core), version, plural, kind and scope.</summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static readonly ResourceType Namespace = new("", "v1", "namespaces", "Namespace", Namespaced: false);
    public static readonly ResourceType Secret = new("", "v1", "secrets", "Secret", Namespaced: true);
    public static readonly ResourceType ConfigMap = new("", "v1", "configmaps", "ConfigMap", Namespaced: true);
    public static readonly ResourceType Event = new("", "v1", "events", "Event", Namespaced: true);
    public static readonly ResourceType ClusterDeployment = new("k0rdent.mirantis.com", "v1beta1", "clusterdeployments", "ClusterDeployment", Namespaced: true);
    public static readonly ResourceType ClusterTemplate = new("k0rdent.mirantis.com", "v1beta1", "clustertemplates", "ClusterTemplate", Namespaced: true);
    public static readonly ResourceType ClusterTemplateChain = new("k0rdent.mirantis.com", "v1beta1", "clustertemplatechains", "ClusterTemplateChain", Namespaced: true);
    public static readonly ResourceType Credential = new("k0rdent.mirantis.com", "v1beta1", "credentials", "Credential", Namespaced: true);
    public static readonly ResourceType Management = new("k0rdent.mirantis.com", "v1beta1", "managements", "Management", Namespaced: false);
    public static readonly ResourceType Release = new("k0rdent.mirantis.com", "v1beta1", "releases", "Release", Namespaced: false);
}
