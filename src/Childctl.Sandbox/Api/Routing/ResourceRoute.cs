using Childctl.Sandbox.Api.Definitions;

namespace Childctl.Sandbox.Api.Routing;

/// <summary>
/// A resource URL: the kind, the namespace (null for cluster-scoped kinds and for all-namespaces collections),
/// the object name (null for a collection) and the subresource (only "status" is served).
/// </summary>
internal sealed record ResourceRoute(ResourceDefinition Definition, string? Namespace, string? Name, string? Subresource)
{
    public bool IsCollection => Name is null;
}
