using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Handlers;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Routing;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api;

/// <summary>
/// The one request delegate of the emulator: route, authenticate (anonymous only for /version and health),
/// authorise (the viewer may only read), inject faults, dispatch, and turn every error into a Kubernetes Status.
/// </summary>
internal sealed class ApiHandler
{
    private readonly ApiServices _api;
    private readonly Router _router;
    private readonly MetaEndpoints _meta;
    private readonly ReadHandler _read;
    private readonly WatchHandler _watch;
    private readonly WriteHandler _write;
    private readonly PatchHandler _patch;
    private readonly DeleteHandler _delete;
    private readonly ReviewHandler _reviews;
    private readonly FaultsHandler _faults;

    public ApiHandler(ApiServices api)
    {
        _api = api;
        _router = new Router(api.Registry);
        _meta = new MetaEndpoints(api.Registry);
        _read = new ReadHandler(api);
        _watch = new WatchHandler(api);
        _write = new WriteHandler(api);
        _patch = new PatchHandler(api);
        _delete = new DeleteHandler(api);
        _reviews = new ReviewHandler(api);
        _faults = new FaultsHandler(api);
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        try
        {
            await DispatchAsync(ctx);
        }
        catch (StoreException e) when (!ctx.Response.HasStarted)
        {
            await Responses.WriteStatusAsync(ctx, e);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e) when (!ctx.Response.HasStarted && e is not OutOfMemoryException)
        {
            await Responses.WriteStatusAsync(ctx, ApiErrors.Internal(e.Message));
        }
    }

    private async Task DispatchAsync(HttpContext ctx)
    {
        var route = _router.Parse(ctx.Request.Path.Value ?? "/");
        if (route.IsAnonymous)
        {
            await MetaEndpoints.AnonymousAsync(ctx, route);
            return;
        }

        var user = _api.Tokens.Authenticate(ctx.Request) ?? throw ApiErrors.Unauthorized();
        switch (route.Kind)
        {
            case RouteKind.Resource:
                await ResourceAsync(ctx, route.Resource!, user);
                break;
            case RouteKind.SelfSubjectReview when HttpMethods.IsPost(ctx.Request.Method):
                await _reviews.WhoAmIAsync(ctx, user);
                break;
            case RouteKind.SelfSubjectAccessReview when HttpMethods.IsPost(ctx.Request.Method):
                await ReviewHandler.CanIAsync(ctx, user);
                break;
            case RouteKind.Faults:
                await _faults.HandleAsync(ctx, user);
                break;
            case RouteKind.NotFound:
                throw ApiErrors.NotFoundPath();
            case RouteKind.SelfSubjectReview or RouteKind.SelfSubjectAccessReview:
                throw ApiErrors.MethodNotAllowed();
            default:
                await _meta.DiscoveryAsync(ctx, route);
                break;
        }
    }

    private async Task ResourceAsync(HttpContext ctx, ResourceRoute route, ApiUser user)
    {
        var verb = Verb(ctx.Request, route);
        if (!user.CanWrite && verb is not ("get" or "list" or "watch"))
        {
            throw ApiErrors.Forbidden(user, verb, route.Definition, route.Namespace, route.Name, route.Subresource);
        }

        await InjectFaultsAsync(ctx);
        var task = verb switch
        {
            "get" => _read.GetAsync(ctx, route),
            "list" => _read.ListAsync(ctx, route, ListOptions.Parse(ctx.Request.Query, route.Definition)),
            "watch" => _watch.WatchAsync(ctx, route, ListOptions.Parse(ctx.Request.Query, route.Definition)),
            "create" => _write.CreateAsync(ctx, route),
            "update" => _write.ReplaceAsync(ctx, route),
            "patch" => _patch.PatchAsync(ctx, route),
            "delete" => _delete.DeleteAsync(ctx, route),
            "deletecollection" => _delete.DeleteCollectionAsync(ctx, route),
            _ => throw ApiErrors.MethodNotAllowed(),
        };
        await task;
    }

    private static string Verb(HttpRequest request, ResourceRoute route) => (request.Method, route.IsCollection) switch
    {
        ("GET", true) => ListOptions.Flag(request.Query, "watch") ? "watch" : "list",
        ("GET", false) => "get",
        ("POST", true) when route.Subresource is null => "create",
        ("PUT", false) => "update",
        ("PATCH", false) => "patch",
        ("DELETE", false) when route.Subresource is null => "delete",
        ("DELETE", true) => "deletecollection",
        _ => "unsupported",
    };

    private async Task InjectFaultsAsync(HttpContext ctx)
    {
        var fault = _api.Faults.Next();
        if (fault.Latency > TimeSpan.Zero)
        {
            await Task.Delay(fault.Latency, _api.Time, ctx.RequestAborted);
        }

        switch (fault.FailWith)
        {
            case 503:
                throw ApiErrors.ServiceUnavailable();
            case 429:
                throw ApiErrors.TooManyRequests(fault.RetryAfterSeconds);
        }
    }
}
