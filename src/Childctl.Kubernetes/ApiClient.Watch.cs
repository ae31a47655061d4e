using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Childctl.Kubernetes.Watching;

namespace Childctl.Kubernetes;

/// <summary>
/// List-and-watch for <see cref="ResilientWatch{T}"/>. KubernetesClient.Aot has no watch helpers and its
/// <c>watch: true</c> calls return only the first event (aot-spike.md §2), so the stream is read by hand over the
/// client's own HttpClient, which carries the kubeconfig's TLS set-up and credentials.
/// </summary>
public sealed partial class ApiClient
{
    /// <summary>How long the server may keep one watch open before ending it cleanly (the loop then watches again).</summary>
    public static readonly TimeSpan WatchWindow = TimeSpan.FromMinutes(5);

    /// <summary>A whole list (paged) and the collection's resourceVersion, to watch from.</summary>
    public async Task<WatchList<JsonElement>> ListForWatchAsync(ResourceKind kind, string? ns, WatchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(filter);
        var items = new List<JsonElement>();
        string? resourceVersion = null;
        string? continueToken = null;
        do
        {
            var token = continueToken;
            var page = await ReadAsync(ApiTarget.List(kind, ns), ct => ListFilteredPageAsync(kind, ns, filter, token, ct), cancellationToken);
            items.AddRange(JsonPath.Array(page, "items"));
            var meta = JsonPath.Object(page, "metadata");
            resourceVersion ??= meta is { } m ? JsonPath.String(m, "resourceVersion") : null;
            continueToken = meta is { } c ? JsonPath.String(c, "continue") : null;
        }
        while (!string.IsNullOrEmpty(continueToken));

        return new WatchList<JsonElement>(items, resourceVersion ?? "0");
    }

    /// <summary>
    /// The events after <paramref name="resourceVersion"/>, with bookmarks, until the server ends the stream. A 410
    /// arrives as an Expired event (as servers send it in-stream); a stream cut or silent for longer than the
    /// watch window fails with <see cref="KubernetesErrorKind.Unreachable"/>; a refused watch with PermissionDenied/General.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(
        ResourceKind kind, string? ns, WatchFilter filter, string resourceVersion, Func<JsonElement, T> convert,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(filter);
        var seconds = (int)WatchWindow.TotalSeconds;
        var path = ApiPaths.Collection(kind, ns) + $"?watch=true&allowWatchBookmarks=true&timeoutSeconds={seconds}"
            + $"&resourceVersion={Uri.EscapeDataString(resourceVersion)}" + filter.Query();
        using var window = new CancellationTokenSource(WatchWindow + TimeSpan.FromSeconds(30), _options.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, window.Token);
        var target = ApiTarget.List(kind, ns);
        using var response = await OpenStreamAsync(path, target, linked.Token, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            yield return new WatchEvent<T>(WatchEventType.Error, null, null, 410, "resource version too old");
            yield break;
        }

        await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
        var events = WatchStreamReader.ReadAsync(body, convert, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (await NextEventAsync(events, target, cancellationToken) is { } next)
            {
                yield return next;
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    private async Task<WatchEvent<T>?> NextEventAsync<T>(IAsyncEnumerator<WatchEvent<T>> events, ApiTarget target, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await events.MoveNextAsync() ? events.Current : null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            throw new KubernetesException(KubernetesErrorKind.Unreachable, $"the watch of {target.Describe()} on {Cluster.Server} broke off: {e.Message}", e);
        }
    }

    private async Task<HttpResponseMessage> OpenStreamAsync(string path, ApiTarget target, CancellationToken token, CancellationToken userToken)
    {
        try
        {
            return await _transport.OpenStreamAsync(path, token);
        }
        catch (OperationCanceledException) when (userToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ApiStatusException e)
        {
            throw WatchRefused(e.StatusCode, target);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ApiErrors.Translate(e, target, Cluster, _options.RequestTimeout, _transport.TlsProblem);
        }
        finally
        {
            _caBundleScope.Dispose();
        }
    }

    private KubernetesException WatchRefused(HttpStatusCode code, ApiTarget target) => code switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new KubernetesException(KubernetesErrorKind.PermissionDenied,
            $"permission denied ({(int)code}): cannot watch {target.Describe()}"),
        HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => new KubernetesException(KubernetesErrorKind.Unreachable,
            $"the API server at {Cluster.Server} answered {(int)code} to a watch of {target.Describe()}"),
        _ => new KubernetesException(KubernetesErrorKind.General, $"the API server at {Cluster.Server} refused to watch {target.Describe()} ({(int)code})"),
    };

    private Task<JsonElement> ListFilteredPageAsync(ResourceKind kind, string? ns, WatchFilter filter, string? continueToken, CancellationToken ct) =>
        _transport.GetAsync(
            ApiPaths.WithQuery(ApiPaths.Collection(kind, ns),
                ("limit", _options.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("continue", continueToken),
                ("fieldSelector", filter.FieldSelector), ("labelSelector", filter.LabelSelector)),
            ct);
}
