using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Kubernetes;

/// <summary>
/// Writes: create (optionally as a server-side dry run), merge patch and delete with preconditions, all with field
/// manager <c>childctl</c>. A write is retried only where a second attempt cannot apply twice (<see cref="WriteRetry"/>):
/// after 429 always; after a server error or a broken connection when it carries preconditions (a delete, a patch with a
/// resourceVersion), is a dry run, or is a create of a named object stamped with an operation id
/// (<see cref="ApiOptions.OperationAnnotation"/>), whose 409 AlreadyExists is then its own earlier attempt and returns the
/// object. Failures become the same typed errors as reads, plus 409 → Conflict and 400/422 → InvalidInput with the
/// server's reasons; <see cref="KubernetesException.MayHaveApplied"/> says whether the server may have made the change.
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
    public async Task<JsonElement> CreateAsync(ResourceKind kind, string? ns, JsonObject body, bool serverDryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(body);
        var name = body["metadata"]?["name"]?.GetValue<string>();
        var marker = name is null ? null : body["metadata"]?["annotations"]?[_options.OperationAnnotation]?.GetValue<string>();
        var path = ApiPaths.WithQuery(ApiPaths.Collection(kind, ns), ("fieldManager", _options.FieldManager), ("dryRun", serverDryRun ? "All" : null));
        var target = new ApiTarget("create", kind, ns, name);
        var safety = serverDryRun || marker is not null ? WriteSafety.Repeatable : WriteSafety.Once;
        try
        {
            return await WriteAsync(target, safety, ct => _transport.SendAsync(HttpMethod.Post, path, body.ToJsonString(), JsonContent, ct), cancellationToken);
        }
        catch (KubernetesException e) when (e.Kind == KubernetesErrorKind.Conflict && marker is not null && !serverDryRun && e.AlreadyExists && ns is not null)
        {
            var existing = await TryGetAsync(kind, ns, name!, cancellationToken);
            if (existing is { } found && JsonPath.Find(found, "metadata", "annotations", _options.OperationAnnotation)?.GetString() == marker)
            {
                return found;
            }

            throw;
        }
    }

    /// <summary>
    /// Applies an RFC 7386 merge patch. A <c>metadata.resourceVersion</c> in the patch makes it conditional: the
    /// server refuses it with 409 when the object has changed since that version (and a retry is safe).
    /// </summary>
    public Task<JsonElement> MergePatchAsync(ResourceKind kind, string ns, string name, JsonObject patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(patch);
        var path = ApiPaths.WithQuery(ApiPaths.Item(kind, ns, name), ("fieldManager", _options.FieldManager));
        var safety = patch["metadata"]?["resourceVersion"] is not null ? WriteSafety.Repeatable : WriteSafety.Once;
        return WriteAsync(new ApiTarget("patch", kind, ns, name), safety,
            ct => _transport.SendAsync(HttpMethod.Patch, path, patch.ToJsonString(), MergePatchContent, ct), cancellationToken);
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
        // Adding keys that are there already sets the same values, so a retry after a lost answer changes nothing more.
        return WriteAsync(new ApiTarget("patch", kind, ns, name), WriteSafety.Repeatable,
            ct => _transport.SendAsync(HttpMethod.Patch, path, operations.ToJsonString(), JsonPatchContent, ct), cancellationToken);
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
        var target = new ApiTarget("delete", kind, ns, name);
        var earlierMayHaveApplied = false;
        return WriteAsync(target, WriteSafety.Repeatable, async ct =>
        {
            try
            {
                return await _transport.SendAsync(HttpMethod.Delete, path, options.ToJsonString(), JsonContent, ct);
            }
            catch (ApiStatusException e) when (earlierMayHaveApplied && e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
            {
                // The retry met what the lost attempt may have done (gone, or changed by its deletionTimestamp): only the object can tell.
                throw new KubernetesException(KubernetesErrorKind.Unreachable,
                    $"the answer to delete {target.Describe()} was lost and its retry was refused ({(int)e.StatusCode} {e.StatusCode})", e) { MayHaveApplied = true };
            }
            catch (Exception e) when (ApiErrors.MayHaveApplied(e))
            {
                earlierMayHaveApplied = true;
                throw;
            }
        }, cancellationToken);
    }

    private async Task<T> WriteAsync<T>(ApiTarget target, WriteSafety safety, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteRetry.Create(_options, target, safety).ExecuteAsync(call, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ApiStatusException e) when (e.StatusCode is HttpStatusCode.Conflict)
        {
            throw new KubernetesException(KubernetesErrorKind.Conflict, $"{target.Verb} {target.Describe()} refused (409 Conflict): {WriteErrors.Message(e.Body, e.Message)}", e)
            {
                AlreadyExists = WriteErrors.Reason(e.Body) == "AlreadyExists",
            };
        }
        catch (ApiStatusException e) when (e.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            throw new KubernetesException(KubernetesErrorKind.InvalidInput, $"the API server rejected {target.Describe()}: {WriteErrors.Message(e.Body, e.Message)}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var error = ApiErrors.Translate(e, target, Cluster, _options.RequestTimeout, _transport.TlsProblem);
            error.MayHaveApplied = e is KubernetesException known ? known.MayHaveApplied : ApiErrors.MayHaveApplied(e);
            throw error;
        }
        finally
        {
            _caBundleScope.Dispose();
        }
    }
}
