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
            return WriteTableAsync(ctx, route, table, include, [obj], api.Store.ResourceVersion, null, null);
        }

        return Responses.WriteAsync(ctx, 200, obj.Json);
    }

    public Task ListAsync(HttpContext ctx, ResourceRoute route, ListOptions options)
    {
        var (items, rv) = api.Store.Snapshot(route.Definition.Type, route.Namespace);
        var (page, next, remaining) = Paginate(items, options);
        if (MediaTypes.TableRequested(ctx.Request.Headers.Accept) is { } table)
        {
            return WriteTableAsync(ctx, route, table, options.Include, page, rv, next, remaining);
        }

        var body = ListWriter.Write(route.Definition, page, rv, next, remaining);
        return Responses.WriteAsync(ctx, 200, body.WrittenMemory);
    }

    /// <summary>
    /// Applies the selectors and, with a limit, cuts a page and the token for the next one, with the count of items
    /// after the page when there is no selector (as etcd counts them; upstream leaves it out with a selector).
    /// </summary>
    public static (List<StoredObject> Page, string? Continue, long? Remaining) Paginate(List<StoredObject> items, ListOptions options)
    {
        IEnumerable<StoredObject> candidates = items;
        if (options.Continue is { } token)
        {
            var position = ContinueToken.Decode(token);
            candidates = candidates.Where(o => string.CompareOrdinal(ContinueToken.PositionOf(o), position) > 0);
        }

        var unselected = options.Labels.IsEverything && options.Fields.IsEverything;
        var after = candidates.ToList();
        var matching = unselected ? after : after.Where(options.Matches).ToList();
        if (options.Limit <= 0 || matching.Count <= options.Limit)
        {
            return (matching, null, null);
        }

        var page = matching.Take(options.Limit).ToList();
        return (page, ContinueToken.Encode(page[^1]), unselected ? after.Count - page.Count : null);
    }

    private Task WriteTableAsync(HttpContext ctx, ResourceRoute route, string mediaType, IncludeObject include, IEnumerable<StoredObject> rows, long rv, string? next, long? remaining)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, StoreJsonContext.WriterOptions))
        {
            new TableWriter(route.Definition, mediaType, include, api.Time.GetUtcNow()).Write(w, rows, rv, next, remaining);
        }

        return Responses.WriteAsync(ctx, 200, buffer.WrittenMemory, mediaType);
    }
}
