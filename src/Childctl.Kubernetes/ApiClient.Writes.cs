using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Kubernetes;

/// <summary>
/// Writes: create (optionally as a server-side dry run), merge patch and delete with preconditions, all with field
/// manager <c>childctl</c>. Writes are never retried (a retry could apply twice); failures become the same typed
/// errors as reads, plus 409 → Conflict and 400/422 → InvalidInput with the server's reasons.
/// </summary>
public sealed partial class ApiClient
{
    private const string JsonContent = "application/json";
    private const string MergePatchContent = "application/merge-patch+json";
    private const string JsonPatchContent = "application/json-patch+json";

    /// <summary>
    /// Creates an object (cluster-scoped when <paramref name="ns"/> is null); <paramref name="serverDryRun"/> sends
    /// dryRun=All (validated and defaulted, not stored).
    /// </summary>
    public Task<JsonElement> CreateAsync(ResourceKind kind, string? ns, JsonObject body, bool serverDryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(body);
        var name = body["metadata"]?["name"]?.GetValue<string>();
        var path = ApiPaths.WithQuery(ApiPaths.Collection(kind, ns), ("fieldManager", _options.FieldManager), ("dryRun", serverDryRun ? "All" : null));
        return WriteAsync(new ApiTarget("create", kind, ns, name), ct => _transport.SendAsync(HttpMethod.Post, path, body.ToJsonString(), JsonContent, ct), cancellationToken);
    }

    /// <summary>
    /// Applies an RFC 7386 merge patch. A <c>metadata.resourceVersion</c> in the patch makes it conditional: the
    /// server refuses it with 409 when the object has changed since that version.
    /// </summary>
    public Task<JsonElement> MergePatchAsync(ResourceKind kind, string ns, string name, JsonObject patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(patch);
        var path = ApiPaths.WithQuery(ApiPaths.Item(kind, ns, name), ("fieldManager", _options.FieldManager));
        return WriteAsync(new ApiTarget("patch", kind, ns, name), ct => _transport.SendAsync(HttpMethod.Patch, path, patch.ToJsonString(), MergePatchContent, ct), cancellationToken);
    }

    /// <summary>
    /// Applies an RFC 6902 JSON patch, all or nothing: a failing <c>test</c> operation is refused (422, InvalidInput)
    /// and changes nothing, which makes a patch conditional on a field without a resourceVersion.
    /// </summary>
    public Task<JsonElement> JsonPatchAsync(ResourceKind kind, string ns, string name, JsonArray operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(operations);
        var path = ApiPaths.WithQuery(ApiPaths.Item(kind, ns, name), ("fieldManager", _options.FieldManager));
        return WriteAsync(new ApiTarget("patch", kind, ns, name), ct => _transport.SendAsync(HttpMethod.Patch, path, operations.ToJsonString(), JsonPatchContent, ct), cancellationToken);
    }

    /// <summary>
    /// Deletes with preconditions: the server refuses (409) when the object's uid or resourceVersion differ, i.e. it
    /// was recreated or changed since they were read. Returns what the server returned (the terminating object while
    /// finalizers remain).
    /// </summary>
    public Task<JsonElement> DeleteAsync(ResourceKind kind, string ns, string name, string uid, string resourceVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var options = new JsonObject
        {
            ["kind"] = "DeleteOptions",
            ["apiVersion"] = "v1",
            ["propagationPolicy"] = "Background",
            ["preconditions"] = new JsonObject { ["uid"] = uid, ["resourceVersion"] = resourceVersion },
        };
        var path = ApiPaths.Item(kind, ns, name);
        return WriteAsync(new ApiTarget("delete", kind, ns, name), ct => _transport.SendAsync(HttpMethod.Delete, path, options.ToJsonString(), JsonContent, ct), cancellationToken);
    }

    private async Task<T> WriteAsync<T>(ApiTarget target, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ApiStatusException e) when (e.StatusCode is HttpStatusCode.Conflict)
        {
            throw new KubernetesException(KubernetesErrorKind.Conflict, $"{target.Verb} {target.Describe()} refused (409 Conflict): {WriteErrors.Message(e.Body, e.Message)}", e);
        }
        catch (ApiStatusException e) when (e.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            throw new KubernetesException(KubernetesErrorKind.InvalidInput, $"the API server rejected {target.Describe()}: {WriteErrors.Message(e.Body, e.Message)}", e);
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
}
