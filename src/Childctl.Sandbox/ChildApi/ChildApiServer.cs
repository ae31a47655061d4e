using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Hosting;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Childctl.Sandbox.ChildApi;

/// <summary>
/// The minimal Kubernetes API of the simulated child clusters, one HTTPS listener for all of them (see
/// <see cref="ChildAccess"/>): under <c>/clusters/&lt;ns&gt;/&lt;name&gt;</c>, <c>/version</c>, legacy discovery
/// (<c>/api</c>, <c>/apis</c>, <c>/api/v1</c>), and get and list of <c>namespaces</c> and <c>nodes</c>, as JSON or
/// as the Table kubectl asks for. Read-only: every other verb is 405. A child whose control plane is not up (no
/// kubeconfig Secret) answers 503; a wrong or missing token 401.
/// </summary>
internal sealed class ChildApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly ChildAccess _access;
    private readonly TimeProvider _time;

    private ChildApiServer(ObjectStore store, ChildAccess access, TimeProvider time)
    {
        _store = store;
        _access = access;
        _time = time;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "childctl-sandbox-children" });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(access.Serving);
            });
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Binds a free port on 127.0.0.1 and points <see cref="ChildAccess.BaseUri"/> at it.</summary>
    public static async Task<ChildApiServer> StartAsync(ObjectStore store, ChildAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        var server = new ChildApiServer(store, access, time);
        await server._app.StartAsync(cancellationToken);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the child API is not listening");
        access.BaseUri = new Uri($"https://127.0.0.1:{new Uri(address).Port}/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
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
            // the client went away
        }
    }

    private async Task DispatchAsync(HttpContext ctx)
    {
        var parts = (ctx.Request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["healthz" or "livez" or "readyz"])
        {
            await Responses.WriteTextAsync(ctx, 200, "ok");
            return;
        }

        if (parts is not ["clusters", var ns, var name, .. var rest])
        {
            throw ApiErrors.NotFoundPath();
        }

        var child = ChildCluster.Find(_store, ns, name)
            ?? throw new StoreException(503, "ServiceUnavailable", $"the child cluster {ns}/{name} is not running: its control plane is not up, or it was deleted");
        if (!HttpMethods.IsGet(ctx.Request.Method))
        {
            throw ApiErrors.MethodNotAllowed();
        }

        if (rest is ["version"])
        {
            await WriteJsonAsync(ctx, ChildDocuments.Version(child.KubernetesVersion));
            return;
        }

        var token = ctx.Request.Headers.Authorization.ToString();
        if (!token.StartsWith("Bearer ", StringComparison.Ordinal) || !_access.Accepts(child.Uid, token["Bearer ".Length..].Trim()))
        {
            throw ApiErrors.Unauthorized();
        }

        await ResourceAsync(ctx, child, rest);
    }

    private Task ResourceAsync(HttpContext ctx, ChildCluster child, string[] rest)
    {
        if (ctx.Request.Query["watch"].ToString() is "true" or "1")
        {
            throw new StoreException(405, "MethodNotAllowed", "the sandbox's child API does not support watch");
        }

        return rest switch
        {
            ["api"] => WriteJsonAsync(ctx, ChildDocuments.ApiVersions(ctx.Request.Host.Value ?? "127.0.0.1")),
            ["apis"] => WriteJsonAsync(ctx, ChildDocuments.GroupList()),
            ["api", "v1"] => WriteJsonAsync(ctx, ChildDocuments.ResourceList()),
            ["api", "v1", "nodes"] => ListAsync(ctx, "Node", child.Nodes()),
            ["api", "v1", "namespaces"] => ListAsync(ctx, "Namespace", child.Namespaces()),
            ["api", "v1", "nodes", var node] => GetAsync(ctx, "nodes", node, child.Nodes()),
            ["api", "v1", "namespaces", var ns] => GetAsync(ctx, "namespaces", ns, child.Namespaces()),
            _ => throw ApiErrors.NotFoundPath(),
        };
    }

    private Task ListAsync(HttpContext ctx, string kind, List<JsonObject> items)
    {
        var rv = items.Select(i => long.TryParse(JsonAccess.ResourceVersion(i), out var v) ? v : 0).DefaultIfEmpty(1).Max().ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (MediaTypes.TableRequested(ctx.Request.Headers.Accept) is { } table)
        {
            var includeObject = ctx.Request.Query["includeObject"].ToString() == "Object";
            return WriteJsonAsync(ctx, ChildDocuments.Table(kind, items, rv, _time.GetUtcNow(), includeObject, table), table);
        }

        return WriteJsonAsync(ctx, new JsonObject
        {
            ["kind"] = kind + "List",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv },
            ["items"] = new JsonArray(items.Select(i => (JsonNode?)i).ToArray()),
        });
    }

    private Task GetAsync(HttpContext ctx, string plural, string name, List<JsonObject> items)
    {
        var item = items.FirstOrDefault(i => JsonAccess.Name(i) == name)
            ?? throw new StoreException(404, "NotFound", $"{plural} \"{name}\" not found", new StatusDetails(name, null, plural));
        return MediaTypes.TableRequested(ctx.Request.Headers.Accept) is not null
            ? ListAsync(ctx, item["kind"]!.GetValue<string>(), [item])
            : WriteJsonAsync(ctx, item);
    }

    private static Task WriteJsonAsync(HttpContext ctx, JsonObject body, string contentType = MediaTypes.Json) =>
        Responses.WriteAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(body, StoreJsonContext.Wire.JsonObject), contentType);
}
