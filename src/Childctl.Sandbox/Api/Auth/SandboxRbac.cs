namespace Childctl.Sandbox.Api.Auth;

/// <summary>
/// The sandbox's fixed RBAC model: a handful of ClusterRoles bound to groups, evaluated as the RBAC authorizer does
/// (a request is allowed when any rule of any role bound to one of the user's groups covers it, denied otherwise).
/// <list type="bullet">
/// <item><c>system:masters</c> → cluster-admin: everything, impersonation included (the admin token).</item>
/// <item><c>childctl:operators</c> → childctl-operator: read everything; create, change and delete k0rdent
/// objects, Secrets, ConfigMaps and Events; no namespaces, CRDs or impersonation.</item>
/// <item><c>childctl:viewers</c> → childctl-viewer: get, list and watch everything, Secrets included (the
/// read-only token, which childctl's read-only commands use).</item>
/// <item><c>system:authenticated</c> → system:basic-user and system:discovery: the self-subject reviews,
/// discovery, OpenAPI, version and health.</item>
/// </list>
/// </summary>
internal static class SandboxRbac
{
    public const string Masters = "system:masters";
    public const string Operators = "childctl:operators";
    public const string Viewers = "childctl:viewers";
    public const string Deleters = "childctl:deleters";
    public const string Authenticated = "system:authenticated";

    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];

    /// <summary>Each binding: its name, the group it binds, the role and the role's rules.</summary>
    public static readonly IReadOnlyList<RoleBinding> Bindings =
    [
        new("cluster-admin", Masters, "cluster-admin",
        [
            PolicyRule.ForResources(["*"], ["*"], ["*"]),
            PolicyRule.ForUrls(["*"], ["*"]),
        ]),
        new("childctl-operators", Operators, "childctl-operator",
        [
            PolicyRule.ForResources(Read, ["*"], ["*"]),
            PolicyRule.ForResources(Write, ["k0rdent.mirantis.com"], ["*"]),
            PolicyRule.ForResources(Write, [""], ["secrets", "configmaps", "events"]),
            PolicyRule.ForUrls(["get"], ["*"]),
        ]),
        new("childctl-viewers", Viewers, "childctl-viewer",
        [
            PolicyRule.ForResources(Read, ["*"], ["*"]),
            PolicyRule.ForUrls(["get"], ["*"]),
        ]),
        new("childctl-deleters", Deleters, "childctl-deleter",
        [
            PolicyRule.ForResources(Read, ["*"], ["*"]),
            PolicyRule.ForResources(["delete"], ["k0rdent.mirantis.com"], ["clusterdeployments"]),
            PolicyRule.ForUrls(["get"], ["*"]),
        ]),
        new("system:basic-user", Authenticated, "system:basic-user",
        [
            PolicyRule.ForResources(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
            PolicyRule.ForResources(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
        ]),
        new("system:discovery", Authenticated, "system:discovery",
        [
            PolicyRule.ForUrls(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version", "/version/", "/healthz", "/livez", "/readyz"]),
        ]),
    ];

    /// <summary>The binding that allows the request, or null when nothing does (deny).</summary>
    public static RoleBinding? Authorize(ApiUser user, RequestAttributes attributes) =>
        Bindings.FirstOrDefault(b => user.Groups.Contains(b.Group, StringComparer.Ordinal) && b.Rules.Any(r => r.Covers(attributes)));

    public static bool Allows(ApiUser user, RequestAttributes attributes) => Authorize(user, attributes) is not null;

    /// <summary>The rules that apply to the user (what SelfSubjectRulesReview lists), in binding order.</summary>
    public static IEnumerable<PolicyRule> RulesFor(ApiUser user) =>
        Bindings.Where(b => user.Groups.Contains(b.Group, StringComparer.Ordinal)).SelectMany(b => b.Rules);

    /// <summary>The RBAC authorizer's reason for an allowed request.</summary>
    public static string Reason(RoleBinding binding) =>
        $"RBAC: allowed by ClusterRoleBinding \"{binding.Name}\" of ClusterRole \"{binding.Role}\" to Group \"{binding.Group}\"";
}

/// <summary>A ClusterRoleBinding of one group to a ClusterRole, with the role's rules inlined.</summary>
internal sealed record RoleBinding(string Name, string Group, string Role, IReadOnlyList<PolicyRule> Rules);

/// <summary>An RBAC PolicyRule: verbs on resources of API groups, or verbs on non-resource URLs (a trailing * is a prefix match).</summary>
internal sealed record PolicyRule(IReadOnlyList<string> Verbs, IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> NonResourceUrls)
{
    public static PolicyRule ForResources(string[] verbs, string[] groups, string[] resources) => new(verbs, groups, resources, []);

    public static PolicyRule ForUrls(string[] verbs, string[] urls) => new(verbs, [], [], urls);

    public bool Covers(RequestAttributes a)
    {
        if (!Verbs.Contains("*") && !Verbs.Contains(a.Verb, StringComparer.Ordinal))
        {
            return false;
        }

        if (!a.IsResourceRequest)
        {
            return NonResourceUrls.Any(u => u == "*" || u == a.Path || (u.EndsWith('*') && a.Path!.StartsWith(u[..^1], StringComparison.Ordinal)));
        }

        var resource = a.Subresource is null ? a.Resource : $"{a.Resource}/{a.Subresource}";
        return (ApiGroups.Contains("*") || ApiGroups.Contains(a.Group, StringComparer.Ordinal))
            && Resources.Any(r => r == "*" || r == resource || (a.Subresource is not null && r == $"*/{a.Subresource}"));
    }
}
