using Childctl.Sandbox.Api.Definitions;

namespace Childctl.Sandbox.Api.Discovery;

/// <summary>One resource as discovery lists it.</summary>
internal sealed record DiscoveryResource(
    string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced,
    IReadOnlyList<string> Verbs, IReadOnlyList<string> ShortNames, IReadOnlyList<string> Categories, bool HasStatus)
{
    /// <summary>The create-only review kinds that are not stored but must be discoverable (kubectl auth whoami, can-i, can-i --list).</summary>
    public static readonly IReadOnlyList<DiscoveryResource> Reviews =
    [
        new("authentication.k8s.io", "v1", "selfsubjectreviews", "selfsubjectreview", "SelfSubjectReview", false, ["create"], [], [], false),
        new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview", false, ["create"], [], [], false),
        new("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "selfsubjectrulesreview", "SelfSubjectRulesReview", false, ["create"], [], [], false),
    ];

    public static DiscoveryResource From(ResourceDefinition d) =>
        new(d.Type.Group, d.Type.Version, d.Type.Plural, d.Singular, d.Type.Kind, d.Type.Namespaced,
            ResourceDefinition.AllVerbs, d.ShortNames, d.Categories, d.HasStatus);

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
