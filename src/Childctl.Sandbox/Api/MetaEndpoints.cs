using System.Text;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api.Discovery;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.OpenApi;
using Childctl.Sandbox.Api.Routing;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api;

/// <summary>The endpoints about the API itself: version, health, discovery and OpenAPI.</summary>
internal sealed class MetaEndpoints(ResourceRegistry registry)
{
    private static readonly byte[] VersionBody = Encoding.UTF8.GetBytes(
        $$"""{"major":"{{SandboxVersion.Major}}","minor":"{{SandboxVersion.Minor}}","gitVersion":"{{SandboxVersion.GitVersion}}","gitCommit":"0000000000000000000000000000000000000000","gitTreeState":"clean","buildDate":"2026-01-01T00:00:00Z","goVersion":"go1.23.8","compiler":"gc","platform":"linux/amd64"}""");

    private readonly DiscoveryDocuments _discovery = new(registry);
    private readonly OpenApiDocuments _openApi = new(registry);

    public static Task AnonymousAsync(HttpContext ctx, Route route) => route.Kind == RouteKind.Version
        ? Responses.WriteAsync(ctx, 200, VersionBody)
        : Responses.WriteTextAsync(ctx, 200, "ok");

    public Task DiscoveryAsync(HttpContext ctx, Route route)
    {
        if (!HttpMethods.IsGet(ctx.Request.Method))
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var aggregated = MediaTypes.DiscoveryRequested(ctx.Request.Headers.Accept);
        return route.Kind switch
        {
            RouteKind.CoreVersions when aggregated is not null => Aggregated(ctx, core: true, aggregated),
            RouteKind.GroupList when aggregated is not null => Aggregated(ctx, core: false, aggregated),
            RouteKind.CoreVersions => Responses.WriteAsync(ctx, 200, _discovery.CoreVersions(ctx.Request.Host.Value ?? "127.0.0.1")),
            RouteKind.GroupList => Responses.WriteAsync(ctx, 200, _discovery.GroupList()),
            RouteKind.Group => Found(ctx, _discovery.Group(route.Group)),
            RouteKind.ResourceList => Found(ctx, _discovery.ResourceList(route.Group, route.Version)),
            RouteKind.OpenApiRoot => Responses.WriteAsync(ctx, 200, _openApi.Root()),
            RouteKind.OpenApiGroupVersion => Found(ctx, _openApi.GroupVersion(route.Group, route.Version)),
            RouteKind.OpenApiV2 => OpenApiV2Async(ctx),
            _ => throw ApiErrors.NotFoundPath(),
        };
    }

    /// <summary>kubectl asks for protobuf; anything else gets the same document as JSON.</summary>
    private Task OpenApiV2Async(HttpContext ctx)
    {
        var accept = ctx.Request.Headers.Accept.ToString();
        var protobuf = accept.Contains(GnosticProto.MediaType, StringComparison.Ordinal) || accept.Contains(GnosticProto.DeprecatedMediaType, StringComparison.Ordinal);
        return Responses.WriteAsync(ctx, 200, _openApi.V2(protobuf), protobuf ? GnosticProto.MediaType : MediaTypes.Json);
    }

    private Task Aggregated(HttpContext ctx, bool core, string mediaType)
    {
        var apiVersion = mediaType == MediaTypes.DiscoveryV2 ? "apidiscovery.k8s.io/v2" : "apidiscovery.k8s.io/v2beta1";
        return Responses.WriteAsync(ctx, 200, _discovery.Aggregated(core, apiVersion), mediaType);
    }

    private static Task Found(HttpContext ctx, byte[]? body) =>
        body is null ? throw ApiErrors.NotFoundPath() : Responses.WriteAsync(ctx, 200, body);
}
