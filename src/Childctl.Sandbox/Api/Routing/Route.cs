namespace Childctl.Sandbox.Api.Routing;

/// <summary>A parsed request path: its kind, the group/version it names (for discovery and OpenAPI) and, for resources, the resource route.</summary>
internal sealed record Route(RouteKind Kind, string Group = "", string Version = "", ResourceRoute? Resource = null)
{
    public static readonly Route NotFound = new(RouteKind.NotFound);

    /// <summary>Anonymous endpoints: what a real apiserver lets unauthenticated clients reach.</summary>
    public bool IsAnonymous => Kind is RouteKind.Version or RouteKind.Health;
}
