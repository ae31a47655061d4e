using System.Globalization;
using System.Text.Json;

namespace Childctl.Kubernetes;

/// <summary>
/// Lists, page by page (<c>limit</c>/<c>continue</c>). Each page is requested as soon as the one before it has given its
/// token, up to two ahead, so the server prepares and sends pages while earlier ones are still parsed and used.
/// </summary>
public sealed partial class ApiClient
{
    /// <summary>Reads a whole list; <paramref name="ns"/> null means all namespaces. The items stay backed by their pages.</summary>
    public async Task<ObjectList> ListAsync(ResourceKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        await ReadPagesAsync(kind, ns, labelSelector, _options.PageSize, (page, target) =>
        {
            items.AddRange(JsonPath.Array(Parse(page.Bytes, target).RootElement, "items"));
            return ValueTask.CompletedTask;
        }, cancellationToken);
        return new ObjectList(kind, items);
    }

    /// <summary>
    /// Reads a whole list like <see cref="ListAsync"/>, but hands each page's items to <paramref name="onPage"/> and
    /// then releases the page: the items are valid only during the call, and memory holds a page or two at a time
    /// instead of the whole list (for callers that keep only what they derive, like a table).
    /// </summary>
    /// <param name="pageSize">Objects per page when not the configured size: large objects in smaller pages let the
    /// caller work on one page while the next is received.</param>
    public Task ForEachPageAsync(ResourceKind kind, string? ns, string? labelSelector, Func<IEnumerable<JsonElement>, ValueTask> onPage, CancellationToken cancellationToken, int? pageSize = null) =>
        ForEachPageAsync(kind, ns, labelSelector, static _ => false, onPage, cancellationToken, pageSize);

    /// <summary>
    /// As <see cref="ForEachPageAsync(ResourceKind, string?, string?, Func{IEnumerable{JsonElement}, ValueTask}, CancellationToken, int?)"/>,
    /// offering each page's bytes, as served, to <paramref name="readRaw"/> first: a reader made for one kind of list
    /// reads it in one pass with no document built. When it returns false (a page it does not understand, with nothing
    /// kept from it), the page is parsed and its items go to <paramref name="onPage"/> as usual.
    /// </summary>
    public Task ForEachPageAsync(ResourceKind kind, string? ns, string? labelSelector, Func<ReadOnlyMemory<byte>, bool> readRaw, Func<IEnumerable<JsonElement>, ValueTask> onPage, CancellationToken cancellationToken, int? pageSize = null)
    {
        ArgumentNullException.ThrowIfNull(readRaw);
        ArgumentNullException.ThrowIfNull(onPage);
        return ReadPagesAsync(kind, ns, labelSelector, pageSize ?? _options.PageSize, async (page, target) =>
        {
            try
            {
                if (readRaw(page.Bytes))
                {
                    return;
                }

                using var document = Parse(page.Bytes, target);
                await onPage(JsonPath.Array(document.RootElement, "items"));
            }
            finally
            {
                page.Release();
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Hands every page's body, in order, to <paramref name="onPage"/>. Each page is requested as soon
    /// as the one before it has told its <c>continue</c> token, up to <see cref="PagesAhead"/> pages beyond the one being
    /// handed over: the server prepares and sends them while earlier ones are still parsed and used.
    /// </summary>
    private async Task ReadPagesAsync(ResourceKind kind, string? ns, string? labelSelector, int pageSize, Func<PageBody, ApiTarget, ValueTask> onPage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var target = ApiTarget.List(kind, ns);
        string Path(string? token) => PagePath(kind, ns, labelSelector, pageSize, token);
        async Task<Fetched?> FetchAsync(string? token) => new(token, await FetchPageAsync(target, Path(token), cancellationToken));
        async Task<Fetched?> AfterAsync(Task<Fetched?> previous) =>
            await previous is { Page.Continue: { Length: > 0 } token } ? await FetchAsync(token) : null;

        var ahead = new Queue<Task<Fetched?>>();
        Task<Fetched?> last = FetchAsync(null);
        var current = await last;
        try
        {
            while (current is { } page)
            {
                while (ahead.Count < PagesAhead)
                {
                    ahead.Enqueue(last = AfterAsync(last));
                }

                var body = await PageBodyAsync(page.Page, target, Path(page.Token), cancellationToken);
                // The token is normally found before the items; when it was not, only the whole page has it.
                var late = page.Page.Continue is null ? ContinueToken.InWhole(body.Bytes.Span) : null;
                await onPage(body, target);
                current = await ahead.Dequeue();
                if (current is null && !string.IsNullOrEmpty(late))
                {
                    // Those requested ahead waited for a token that only the body had: start again from this one.
                    await Task.WhenAll(ahead);
                    ahead.Clear();
                    current = await (last = FetchAsync(late));
                }
            }
        }
        catch
        {
            foreach (var pending in ahead)
            {
                _ = pending.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }

            throw;
        }
    }

    /// <summary>Pages requested beyond the one being handed over (each waits for the token of the one before it).</summary>
    private const int PagesAhead = 2;

    /// <summary>A page as requested: the token that asked for it (null for the first) and what arrived.</summary>
    private sealed record Fetched(string? Token, ListPage Page);

    private Task<ListPage> FetchPageAsync(ApiTarget target, string path, CancellationToken cancellationToken) =>
        ReadAsync(target, ct => _transport.GetListPageAsync(path, ct), cancellationToken);

    /// <summary>A page's parsed document; a body that is not JSON is reported as the server's fault, like any bad reply.</summary>
    private JsonDocument Parse(ReadOnlyMemory<byte> page, ApiTarget target)
    {
        try
        {
            return JsonDocument.Parse(page);
        }
        catch (JsonException e)
        {
            throw ApiErrors.Translate(e, target, Cluster, _options.RequestTimeout, _transport.TlsProblem);
        }
    }

    /// <summary>A page's body; if the connection broke while it streamed, that page is read again in full.</summary>
    private async Task<PageBody> PageBodyAsync(ListPage page, ApiTarget target, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await page.Body;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (ReadRetry.IsTransient(e))
        {
            return new PageBody(await ReadAsync(target, ct => _transport.GetBytesAsync(path, ct), cancellationToken));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ApiErrors.Translate(e, target, Cluster, _options.RequestTimeout, _transport.TlsProblem);
        }
    }

    private static string PagePath(ResourceKind kind, string? ns, string? labelSelector, int pageSize, string? continueToken) =>
        ApiPaths.WithQuery(ApiPaths.Collection(kind, ns),
            ("limit", pageSize.ToString(CultureInfo.InvariantCulture)), ("continue", continueToken), ("labelSelector", labelSelector));
}

/// <summary>
/// Every item of a (possibly paged) list, as served. The elements stay backed by the pages' parsed documents,
/// so items are neither copied nor re-serialised.
/// </summary>
public sealed record ObjectList(ResourceKind Kind, IReadOnlyList<JsonElement> Items);
