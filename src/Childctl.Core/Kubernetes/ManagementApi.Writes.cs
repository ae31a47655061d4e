using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Provenance;
using k8s.Autorest;
using k8s.Models;

namespace Childctl.Core.Kubernetes;

/// <summary>
/// Writes: create (optionally as a server-side dry run), merge patch and delete with preconditions, all with field
/// manager <c>childctl</c>. Writes are never retried (a retry could apply twice); failures become the same typed
/// errors as reads, plus 409 → Conflict and 400/422 → InvalidInput with the server's reasons.
/// </summary>
public sealed partial class ManagementApi
{
    /// <summary>Creates a namespaced custom object; <paramref name="serverDryRun"/> sends dryRun=All (validated and defaulted, not stored).</summary>
    public Task<JsonElement> CreateAsync(ResourceKind kind, string ns, JsonObject body, bool serverDryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(body);
        var name = body["metadata"]?["name"]?.GetValue<string>();
        return WriteAsync(new ApiTarget("create", kind, ns, name), async ct =>
        {
            using var response = await _client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                body, kind.Group, kind.Version, ns, kind.Plural,
                dryRun: serverDryRun ? "All" : null, fieldManager: ProvenanceAnnotations.FieldManager, cancellationToken: ct);
            return response.Body;
        }, cancellationToken);
    }

    /// <summary>
    /// Applies an RFC 7386 merge patch. A <c>metadata.resourceVersion</c> in the patch makes it conditional: the
    /// server refuses it with 409 when the object has changed since that version.
    /// </summary>
    public Task<JsonElement> MergePatchAsync(ResourceKind kind, string ns, string name, JsonObject patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(patch);
        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        return WriteAsync(new ApiTarget("patch", kind, ns, name), async ct =>
        {
            using var response = await _client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                body, kind.Group, kind.Version, ns, kind.Plural, name,
                fieldManager: ProvenanceAnnotations.FieldManager, cancellationToken: ct);
            return response.Body;
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes with preconditions: the server refuses (409) when the object's uid or resourceVersion differ, i.e. it
    /// was recreated or changed since they were read. Returns the object as the server left it (terminating while
    /// finalizers remain).
    /// </summary>
    public Task<JsonElement> DeleteAsync(ResourceKind kind, string ns, string name, string uid, string resourceVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var options = new V1DeleteOptions
        {
            PropagationPolicy = "Background",
            Preconditions = new V1Preconditions { Uid = uid, ResourceVersion = resourceVersion },
        };
        return WriteAsync(new ApiTarget("delete", kind, ns, name), async ct =>
        {
            using var response = await _client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync<JsonElement>(
                kind.Group, kind.Version, ns, kind.Plural, name, body: options, cancellationToken: ct);
            return response.Body;
        }, cancellationToken);
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
        catch (HttpOperationException e) when (e.Response?.StatusCode is HttpStatusCode.Conflict)
        {
            throw new ChildctlException(ErrorKind.Conflict, $"{target.Verb} {target.Describe()} refused (409 Conflict): {WriteErrors.Message(e)}", e);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            throw new ChildctlException(ErrorKind.InvalidInput, $"the API server rejected {target.Describe()}: {WriteErrors.Message(e)}", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ApiErrors.Translate(e, target, Cluster, _options.RequestTimeout);
        }
    }
}
