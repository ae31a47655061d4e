using System.Text.Json;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Definitions;

/// <summary>The kinds served natively (not through a CRD): namespaces, secrets, config maps, events, CRDs themselves, Roles and RoleBindings.</summary>
internal static class CoreDefinitions
{
    public static readonly ResourceType CustomResourceDefinition =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);

    public static readonly ResourceType Role = new("rbac.authorization.k8s.io", "v1", "roles", "Role", Namespaced: true);
    public static readonly ResourceType RoleBinding = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", Namespaced: true);

    private static readonly Lazy<JsonElement> Schemas = new(() => JsonElements.From(EmbeddedYaml.Read("core-schemas.yaml")));

    /// <summary>The known fields of ObjectMeta, used to prune and strictly check every object's metadata.</summary>
    public static JsonElement ObjectMetaSchema => MetaSchemas.ObjectMetaInline;

    public static IReadOnlyList<ResourceDefinition> All { get; } =
    [
        Core(ResourceType.Namespace, "namespace", ["ns"], hasStatus: true, TableStyle.Namespace),
        Core(ResourceType.Secret, "secret", [], hasStatus: false, TableStyle.Secret),
        Core(ResourceType.ConfigMap, "configmap", ["cm"], hasStatus: false, TableStyle.ConfigMap),
        Core(ResourceType.Event, "event", ["ev"], hasStatus: false, TableStyle.Event),
        Core(CustomResourceDefinition, "customresourcedefinition", ["crd", "crds"], hasStatus: true, TableStyle.CustomResourceDefinition),

        // Stored and served (so Roles for team history can be created and read), not enforced: see SandboxRbac.
        Core(Role, "role", [], hasStatus: false, TableStyle.CustomResourceDefinition),
        Core(RoleBinding, "rolebinding", [], hasStatus: false, TableStyle.CustomResourceDefinition),
    ];

    private static ResourceDefinition Core(ResourceType type, string singular, IReadOnlyList<string> shortNames, bool hasStatus, TableStyle table) =>
        new(type, singular, type.Kind + "List", shortNames, [], hasStatus, IsCustomResource: false, table, [], Schemas.Value.GetProperty(type.Kind));
}
