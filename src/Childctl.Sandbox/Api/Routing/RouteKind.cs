namespace Childctl.Sandbox.Api.Routing;

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
