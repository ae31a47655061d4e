using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Handlers;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Routing;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api;

/// <summary>
/// The one request delegate of the emulator, in the apiserver's filter order: route, authenticate (anonymous only
/// for /version and health), impersonate, authorise (<see cref="SandboxRbac"/>), inject faults, dispatch, and turn
/// every error into a Kubernetes Status.
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
        catch (PlainTextFailure e) when (!ctx.Response.HasStarted)
        {
            await Responses.WriteTextAsync(ctx, e.Code, e.Message + "\n");
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

        var authenticated = _api.Tokens.Authenticate(ctx.Request) ?? throw ApiErrors.Unauthorized();
        var user = Impersonation.Resolve(ctx.Request, authenticated);
        var attributes = Attributes(ctx.Request, route);
        if (attributes.Verb == "unsupported")
        {
            throw ApiErrors.MethodNotAllowed();
        }

        if (!SandboxRbac.Allows(user, attributes))
        {
            throw ApiErrors.Forbidden(user, attributes);
        }

        switch (route.Kind)
        {
            case RouteKind.Resource:
                await ResourceAsync(ctx, route.Resource!, user, attributes.Verb);
                break;
            case RouteKind.SelfSubjectReview when HttpMethods.IsPost(ctx.Request.Method):
                await _reviews.WhoAmIAsync(ctx, user);
                break;
            case RouteKind.SelfSubjectAccessReview when HttpMethods.IsPost(ctx.Request.Method):
                await ReviewHandler.CanIAsync(ctx, user);
                break;
            case RouteKind.SelfSubjectRulesReview when HttpMethods.IsPost(ctx.Request.Method):
                await ReviewHandler.RulesAsync(ctx, user);
                break;
            case RouteKind.Faults:
                await _faults.HandleAsync(ctx);
                break;
            case RouteKind.NotFound:
                throw ApiErrors.NotFoundPath();
            case RouteKind.SelfSubjectReview or RouteKind.SelfSubjectAccessReview or RouteKind.SelfSubjectRulesReview:
                throw ApiErrors.MethodNotAllowed();
            default:
                await _meta.DiscoveryAsync(ctx, route);
                break;
        }
    }

    /// <summary>What the authorizer is asked: a resource verb for resources and reviews, else the HTTP verb on the path.</summary>
    private static RequestAttributes Attributes(HttpRequest request, Route route)
    {
        if (route.Resource is { } r)
        {
            var type = r.Definition.Type;
            return new RequestAttributes(Verb(request, r), type.Group, type.Plural, r.Subresource, r.Namespace, r.Name);
        }

        return route.Kind switch
        {
            RouteKind.SelfSubjectReview => new RequestAttributes("create", route.Group, "selfsubjectreviews", null, null, null),
            RouteKind.SelfSubjectAccessReview => new RequestAttributes("create", route.Group, "selfsubjectaccessreviews", null, null, null),
            RouteKind.SelfSubjectRulesReview => new RequestAttributes("create", route.Group, "selfsubjectrulesreviews", null, null, null),
            _ => RequestAttributes.NonResource(request.Method.ToLowerInvariant(), request.Path.Value ?? "/"),
        };
    }

    private async Task ResourceAsync(HttpContext ctx, ResourceRoute route, ApiUser user, string verb)
    {
        await InjectFaultsAsync(ctx);
        if (verb is "create" or "update" or "patch" or "delete" && ctx.Request.Query["dryRun"].Count == 0)
        {
            await AnswerFaultsAsync(ctx, verb, () => HandleAsync(ctx, route, user, verb));
            return;
        }

        await HandleAsync(ctx, route, user, verb);
    }

    /// <summary>Runs an applied write's handler into a buffer, then cuts or holds its answer as the faults say.</summary>
    private async Task AnswerFaultsAsync(HttpContext ctx, string verb, Func<Task> handle)
    {
        var real = ctx.Response.Body;
        using var buffer = new MemoryStream();
        ctx.Response.Body = buffer;
        try
        {
            await handle();
        }
        finally
        {
            ctx.Response.Body = real;
        }

        var (cut, wait) = _api.Faults.Answers.Take(verb);
        if (cut)
        {
            ctx.Abort();
            return;
        }

        if (wait is not null)
        {
            await wait.WaitAsync(ctx.RequestAborted);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(real, ctx.RequestAborted);
    }

    private async Task HandleAsync(HttpContext ctx, ResourceRoute route, ApiUser user, string verb)
    {
        var task = verb switch
        {
            "get" => _read.GetAsync(ctx, route),
            "list" => _read.ListAsync(ctx, route, ListOptions.Parse(ctx.Request.Query, route.Definition)),
            "watch" => _watch.WatchAsync(ctx, route, ListOptions.Parse(ctx.Request.Query, route.Definition)),
            "create" => _write.CreateAsync(ctx, route, user),
            "update" => _write.ReplaceAsync(ctx, route, user),
            "patch" => _patch.PatchAsync(ctx, route, user),
            "delete" => _delete.DeleteAsync(ctx, route, user),
            "deletecollection" => _delete.DeleteCollectionAsync(ctx, route, user),
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
