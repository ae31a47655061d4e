using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Definitions;

/// <summary>
/// What the apiextensions apiserver does when a CRD is deleted: the delete adds the
/// <c>customresourcecleanup.apiextensions.k8s.io</c> finalizer and a Terminating condition (InstanceDeletionPending);
/// the finalizer then marks it InstanceDeletionInProgress, deletes every object of the kind (objects with
/// finalizers only get a deletionTimestamp, so their controllers finish their work, such as removing a cluster's
/// kubeconfig Secret), and once none is left sets InstanceDeletionCompleted and removes its finalizer, which lets
/// the CRD go. Meanwhile the kind is still served, but creating objects of it is refused.
/// </summary>
internal sealed class CrdFinalizer(ObjectStore store) : IDisposable
{
    public const string Finalizer = "customresourcecleanup.apiextensions.k8s.io";

    private static readonly ResourceType Crd = CoreDefinitions.CustomResourceDefinition;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, IDisposable> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);

    /// <summary>The store's BeforeDelete hook: a CRD being deleted for the first time gets the finalizer and the pending condition.</summary>
    public static void PrepareDeletion(ResourceType type, JsonObject crd)
    {
        if (type != Crd)
        {
            return;
        }

        var meta = ObjectMeta.Of(crd);
        if (!ObjectMeta.Finalizers(crd).Contains(Finalizer))
        {
            if (meta["finalizers"] is not JsonArray finalizers)
            {
                finalizers = [];
                meta["finalizers"] = finalizers;
            }

            finalizers.Add((JsonNode)Finalizer);
        }

        SetTerminating(crd, "True", "InstanceDeletionPending", "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon");
    }

    /// <summary>Called for every change of a CRD; starts the cleanup of a terminating one that still has our finalizer.</summary>
    public void OnChange(StoredObject crd)
    {
        if (!crd.Metadata.TryGetProperty("deletionTimestamp", out _) || !HasFinalizer(crd))
        {
            return;
        }

        var uid = crd.Uid;
        lock (_gate)
        {
            if (_waiting.ContainsKey(uid) || _finished.Contains(uid))
            {
                return;
            }
        }

        var kind = KindOf(crd);
        WriteCondition(crd.Name, "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress");
        var start = store.Watch(kind, null, store.ResourceVersion, change =>
        {
            if (change.Type == StoreChange.Deleted)
            {
                CompleteIfEmpty(crd.Name, uid, kind);
            }
        });
        lock (_gate)
        {
            _waiting[uid] = start.Subscription!;
        }

        foreach (var item in store.Snapshot(kind, null).Items)
        {
            try
            {
                store.DeleteCore(kind, item.Namespace.Length == 0 ? null : item.Namespace, item.Name, null, null, dryRun: false);
            }
            catch (StoreException e) when (e.Code == 404)
            {
                // Gone meanwhile.
            }
        }

        CompleteIfEmpty(crd.Name, uid, kind);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var subscription in _waiting.Values)
            {
                subscription.Dispose();
            }

            _waiting.Clear();
        }
    }

    private void CompleteIfEmpty(string crdName, string uid, ResourceType kind)
    {
        if (store.Snapshot(kind, null).Items.Count > 0)
        {
            return;
        }

        IDisposable? subscription;
        lock (_gate)
        {
            if (!_waiting.Remove(uid, out subscription))
            {
                return;
            }

            _finished.Add(uid);
        }

        subscription.Dispose();
        WriteCondition(crdName, "False", "InstanceDeletionCompleted", "removed all instances");
        Write(crdName, null, crd =>
        {
            var finalizers = ObjectMeta.Of(crd)["finalizers"] as JsonArray;
            var kept = finalizers?.Where(f => f?.GetValue<string>() != Finalizer).Select(f => f!.DeepClone()).ToArray() ?? [];
            ObjectMeta.Of(crd)["finalizers"] = new JsonArray(kept);
        });
    }

    private void WriteCondition(string crdName, string status, string reason, string message) =>
        Write(crdName, "status", crd => SetTerminating(crd, status, reason, message));

    private void Write(string crdName, string? subresource, Action<JsonObject> change)
    {
        try
        {
            store.Modify(Crd, null, crdName, current =>
            {
                var crd = current ?? throw StoreErrors.NotFound(Crd, crdName);
                change(crd);
                return crd;
            }, new WriteOptions("kube-apiserver"), subresource);
        }
        catch (StoreException e) when (e.Code == 404)
        {
            // Removed meanwhile: nothing left to finalise.
        }
    }

    private static void SetTerminating(JsonObject crd, string status, string reason, string message)
    {
        if (crd["status"] is not JsonObject statusObj)
        {
            statusObj = [];
            crd["status"] = statusObj;
        }

        if (statusObj["conditions"] is not JsonArray conditions)
        {
            conditions = [];
            statusObj["conditions"] = conditions;
        }

        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => ObjectMeta.String(c, "type") == "Terminating");
        var changed = existing is null || ObjectMeta.String(existing, "status") != status;
        var time = changed ? ObjectMeta.Timestamp(DateTimeOffset.UtcNow) : ObjectMeta.String(existing!, "lastTransitionTime");
        var condition = new JsonObject
        {
            ["type"] = "Terminating",
            ["status"] = status,
            ["lastTransitionTime"] = time,
            ["reason"] = reason,
            ["message"] = message,
        };
        if (existing is null)
        {
            conditions.Add((JsonNode)condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
    }

    private static bool HasFinalizer(StoredObject crd) =>
        crd.Metadata.TryGetProperty("finalizers", out var f) && f.ValueKind == JsonValueKind.Array
        && f.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == Finalizer);

    private static ResourceType KindOf(StoredObject crd)
    {
        var spec = crd.Root.GetProperty("spec");
        var names = spec.GetProperty("names");
        return new ResourceType(JsonElements.String(spec, "group") ?? "", "", JsonElements.String(names, "plural") ?? "",
            JsonElements.String(names, "kind") ?? "", JsonElements.String(spec, "scope") != "Cluster");
    }
}
