using System.Threading.Channels;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Routing;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>
/// watch=true: a chunked stream of events, each flushed as it happens. From resourceVersion 0 (or none) it
/// starts with synthetic ADDED events; from N it replays the changes after N, or sends a single 410 ERROR when N
/// is older than the change log. Selectors apply (objects entering or leaving the selection become ADDED or
/// DELETED). Bookmarks are sent periodically when allowed, carrying the resourceVersion the store has delivered up
/// to (so they advance however quiet the watched kind is, and a resume from one works); timeoutSeconds, server
/// stop, client disconnect or an injected fault end the stream (cleanly, so clients see events already sent).
/// </summary>
internal sealed class WatchHandler(ApiServices api)
{
    public async Task WatchAsync(HttpContext ctx, ResourceRoute route, ListOptions options)
    {
        var channel = Channel.CreateUnbounded<WatchItem>(new UnboundedChannelOptions { SingleReader = true });
        var start = api.Store.Watch(route.Definition.Type, route.Namespace, options.ResourceVersion, c => channel.Writer.TryWrite(new WatchItem(c, 0)));
        using var subscription = start.Subscription;
        var table = MediaTypes.TableRequested(ctx.Request.Headers.Accept);
        var response = ctx.Response;
        response.StatusCode = 200;
        response.ContentType = table ?? MediaTypes.Json;
        response.Headers.CacheControl = "no-cache, private";
        if (start.Expired)
        {
            await response.Body.WriteAsync(WatchEvents.Expired(options.ResourceVersion, start.ResourceVersion), ctx.RequestAborted);
            return;
        }

        await StreamAsync(ctx, route, options, start, channel, table);
    }

    private async Task StreamAsync(HttpContext ctx, ResourceRoute route, ListOptions options, WatchStart start, Channel<WatchItem> channel, string? table)
    {
        var faults = api.Faults.Settings;
        using var timeout = new CancellationTokenSource(options.TimeoutSeconds is { } t and > 0 ? TimeSpan.FromSeconds(t) : Timeout.InfiniteTimeSpan, api.Time);
        using var drop = new CancellationTokenSource(faults.DropWatchAfter ?? Timeout.InfiniteTimeSpan, api.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, api.Stopping, timeout.Token, drop.Token);
        using var bookmarks = options.AllowBookmarks
            ? api.Time.CreateTimer(_ => channel.Writer.TryWrite(new WatchItem(null, api.Store.DeliveredResourceVersion)), null, api.BookmarkInterval, api.BookmarkInterval)
            : null;
        var stream = new Stream(ctx, new WatchEvents(route.Definition, table, options.Include, api.Time), options, start.ResourceVersion, faults.DropWatchAfterEvents);
        try
        {
            await ctx.Response.StartAsync(stop.Token);
            await stream.SendAsync(start.Initial.Select(c => new WatchItem(c, 0)), stop.Token);
            while (await channel.Reader.WaitToReadAsync(stop.Token))
            {
                var batch = new List<WatchItem>();
                while (channel.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await stream.SendAsync(batch, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The stream's time is up (or the client left): ending the response is the answer.
        }
        catch (WatchDroppedException)
        {
            // An injected drop: the stream ends early, as when an apiserver restarts; clients must re-watch.
        }
    }

    /// <summary>The per-request sending side: filtering, encoding, flushing and fault counting.</summary>
    private sealed class Stream(HttpContext ctx, WatchEvents events, ListOptions options, long startResourceVersion, int? dropAfterEvents)
    {
        private long _lastResourceVersion = startResourceVersion;
        private int _sent;

        public async Task SendAsync(IEnumerable<WatchItem> items, CancellationToken ct)
        {
            foreach (var item in items)
            {
                var line = Encode(item);
                if (line is null)
                {
                    continue;
                }

                await ctx.Response.Body.WriteAsync(line, ct);
                if (item.Change is not null && ++_sent >= dropAfterEvents)
                {
                    await ctx.Response.Body.FlushAsync(ct);
                    throw new WatchDroppedException();
                }
            }

            await ctx.Response.Body.FlushAsync(ct);
        }

        private byte[]? Encode(WatchItem item)
        {
            if (item.Change is not { } change)
            {
                _lastResourceVersion = Math.Max(_lastResourceVersion, item.BookmarkResourceVersion);
                return events.Bookmark(_lastResourceVersion);
            }

            _lastResourceVersion = Math.Max(_lastResourceVersion, change.ResourceVersion);
            var type = EventType(change);
            return type is null ? null : events.Change(type, change.Object);
        }

        /// <summary>The event type as this watch's selection sees it, or null when the change is outside it.</summary>
        private string? EventType(StoreChange change)
        {
            var now = options.Matches(change.Object);
            if (change.Type != StoreChange.Modified)
            {
                return now ? change.Type : null;
            }

            var before = change.Previous is { } p && options.Matches(p);
            return (before, now) switch
            {
                (true, true) => StoreChange.Modified,
                (true, false) => StoreChange.Deleted,
                (false, true) => StoreChange.Added,
                _ => null,
            };
        }
    }

    /// <summary>A change to send, or (Change null) a bookmark tick with the resourceVersion delivered when it fired.</summary>
    private sealed record WatchItem(StoreChange? Change, long BookmarkResourceVersion);

    private sealed class WatchDroppedException : Exception;
}
