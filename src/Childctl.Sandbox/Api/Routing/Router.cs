using Childctl.Sandbox.Api.Definitions;

namespace Childctl.Sandbox.Api.Routing;

/// <summary>Parses request paths into routes against the kinds currently served.</summary>
internal sealed class Router(ResourceRegistry registry)
{
    private static readonly HashSet<string> HealthPaths = new(StringComparer.Ordinal) { "healthz", "livez", "readyz" };

    public Route Parse(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length == 0)
        {
            return Route.NotFound;
        }

        return segments[0] switch
        {
            "version" when segments.Length == 1 => new Route(RouteKind.Version),
            var h when HealthPaths.Contains(h) => new Route(RouteKind.Health),
            "api" => ParseCore(segments),
            "apis" => ParseGroups(segments),
            "openapi" => ParseOpenApi(segments),
            "sandbox" when segments is [_, "v1", "faults"] => new Route(RouteKind.Faults),
            _ => Route.NotFound,
        };
    }

    private Route ParseCore(string[] s) => s.Length switch
    {
        1 => new Route(RouteKind.CoreVersions),
        _ when s[1] != "v1" => Route.NotFound,
        2 => new Route(RouteKind.ResourceList, "", "v1"),
        _ => ParseResource("", "v1", s[2..]),
    };

    private Route ParseGroups(string[] s)
    {
        if (s.Length == 1)
        {
            return new Route(RouteKind.GroupList);
        }

        if (s.Length == 2)
        {
            return registry.All.Any(d => d.Type.Group == s[1]) || IsStaticGroup(s[1]) ? new Route(RouteKind.Group, s[1]) : Route.NotFound;
        }

        return (s[1], s[2], s.Length) switch
        {
            ("authentication.k8s.io", "v1", 4) when s[3] == "selfsubjectreviews" => new Route(RouteKind.SelfSubjectReview, s[1], s[2]),
            ("authorization.k8s.io", "v1", 4) when s[3] == "selfsubjectaccessreviews" => new Route(RouteKind.SelfSubjectAccessReview, s[1], s[2]),
            ("authorization.k8s.io", "v1", 4) when s[3] == "selfsubjectrulesreviews" => new Route(RouteKind.SelfSubjectRulesReview, s[1], s[2]),
            (_, _, 3) => registry.All.Any(d => d.Type.Group == s[1] && d.Type.Version == s[2]) || IsStaticGroup(s[1])
                ? new Route(RouteKind.ResourceList, s[1], s[2])
                : Route.NotFound,
            _ => ParseResource(s[1], s[2], s[3..]),
        };
    }

    private static bool IsStaticGroup(string group) => group is "authentication.k8s.io" or "authorization.k8s.io";

    private static Route ParseOpenApi(string[] s) => s switch
    {
        [_, "v2"] => new Route(RouteKind.OpenApiV2),
        [_, "v3"] => new Route(RouteKind.OpenApiRoot),
        [_, "v3", "api", "v1"] => new Route(RouteKind.OpenApiGroupVersion, "", "v1"),
        [_, "v3", "apis", var g, var v] => new Route(RouteKind.OpenApiGroupVersion, g, v),
        _ => Route.NotFound,
    };

    /// <summary>
    /// After the group-version prefix: <c>{plural}[/{name}[/{sub}]]</c> or <c>namespaces/{ns}/{plural}[/{name}[/{sub}]]</c>.
    /// <c>namespaces/{name}/status</c> and <c>/finalize</c> are Namespace subresources, not a resource named "status".
    /// </summary>
    private Route ParseResource(string group, string version, string[] rest)
    {
        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces" && rest[2] is not ("status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length > 3 || registry.Find(group, version, rest[0]) is not { } def)
        {
            return Route.NotFound;
        }

        var name = rest.Length > 1 ? rest[1] : null;
        var sub = rest.Length > 2 ? rest[2] : null;
        var validSub = sub is null || (sub == "status" && def.HasStatus) || (sub == "finalize" && def.Type == Storage.ResourceType.Namespace);
        var validScope = def.Type.Namespaced ? name is null || ns is not null : ns is null;
        return validSub && validScope ? new Route(RouteKind.Resource, group, version, new ResourceRoute(def, ns, name, sub)) : Route.NotFound;
    }
}

/// <summary>A parsed request path: its kind, the group/version it names (for discovery and OpenAPI) and, for resources, the resource route.</summary>
internal sealed record Route(RouteKind Kind, string Group = "", string Version = "", ResourceRoute? Resource = null)
{
    public static readonly Route NotFound = new(RouteKind.NotFound);

    /// <summary>Anonymous endpoints: what a real apiserver lets unauthenticated clients reach.</summary>
    public bool IsAnonymous => Kind is RouteKind.Version or RouteKind.Health;
}

/// <summary>
/// A resource URL: the kind, the namespace (null for cluster-scoped kinds and for all-namespaces collections),
/// the object name (null for a collection) and the subresource (only "status" is served).
/// </summary>
internal sealed record ResourceRoute(ResourceDefinition Definition, string? Namespace, string? Name, string? Subresource)
{
    public bool IsCollection => Name is null;
}

/// <summary>What a request path addresses.</summary>
internal enum RouteKind
{
    NotFound,
    Version,
    Health,
    CoreVersions,
    GroupList,
    Group,
    ResourceList,
    OpenApiRoot,
    OpenApiGroupVersion,
    OpenApiV2,
    SelfSubjectReview,
    SelfSubjectAccessReview,
    SelfSubjectRulesReview,
    Faults,
    Resource,
}
