using System.Buffers;
using System.Text.Json;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Routing;
using Childctl.Sandbox.Api.Tables;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>GET of one object and of collections, as JSON or as a Table when the Accept header asks for one.</summary>
internal sealed class ReadHandler(ApiServices api)
{
    public Task GetAsync(HttpContext ctx, ResourceRoute route)
    {
        var type = route.Definition.Type;
        var obj = api.Store.GetStored(type, route.Namespace, route.Name!) ?? throw StoreErrors.NotFound(type, route.Name!);
        if (MediaTypes.TableRequested(ctx.Request.Headers.Accept) is { } table)
        {
            var include = ListOptions.Parse(ctx.Request.Query, route.Definition).Include;
            return WriteTableAsync(ctx, route, table, include, [obj], api.Store.ResourceVersion, null);
        }

        return Responses.WriteAsync(ctx, 200, obj.Json);
    }

    public Task ListAsync(HttpContext ctx, ResourceRoute route, ListOptions options)
    {
        var (items, rv) = api.Store.Snapshot(route.Definition.Type, route.Namespace);
        var (page, next) = Paginate(items, options);
        if (MediaTypes.TableRequested(ctx.Request.Headers.Accept) is { } table)
        {
            return WriteTableAsync(ctx, route, table, options.Include, page, rv, next);
        }

        var body = ListWriter.Write(route.Definition, page, rv, next);
        return Responses.WriteAsync(ctx, 200, body.WrittenMemory);
    }

    /// <summary>Applies the selectors and, with a limit, cuts a page and the token for the next one.</summary>
    public static (List<StoredObject> Page, string? Continue) Paginate(List<StoredObject> items, ListOptions options)
    {
        IEnumerable<StoredObject> candidates = items;
        if (options.Continue is { } token)
        {
            var after = ContinueToken.Decode(token);
            candidates = candidates.Where(o => string.CompareOrdinal(ContinueToken.PositionOf(o), after) > 0);
        }

        candidates = candidates.Where(options.Matches);
        if (options.Limit <= 0)
        {
            return (candidates.ToList(), null);
        }

        var page = candidates.Take(options.Limit + 1).ToList();
        if (page.Count <= options.Limit)
        {
            return (page, null);
        }

        page.RemoveAt(page.Count - 1);
        return (page, ContinueToken.Encode(page[^1]));
    }

    private Task WriteTableAsync(HttpContext ctx, ResourceRoute route, string mediaType, IncludeObject include, IEnumerable<StoredObject> rows, long rv, string? next)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            new TableWriter(route.Definition, mediaType, include, api.Time.GetUtcNow()).Write(w, rows, rv, next);
        }

        return Responses.WriteAsync(ctx, 200, buffer.WrittenMemory, mediaType);
    }
}
