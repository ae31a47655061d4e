using System.Globalization;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Called under the lock when an object is first deleted, before the store decides whether finalizers hold it:
    /// the API points it at the CRD registry, which adds its cleanup finalizer and Terminating condition to a CRD
    /// (as the apiextensions apiserver does), so a CRD stays until its objects are gone. Must not write to the store.
    /// </summary>
    internal Action<ResourceType, JsonObject>? BeforeDelete { get; set; }

    /// <summary>
    /// Deletes the object, or starts its termination when finalizers (or, for a namespace, contents) hold it.
    /// Deleting a namespace deletes its contents; it goes away when the last of them is gone.
    /// </summary>
    internal StoredObject DeleteCore(ResourceType type, string? ns, string name, string? preconditionUid, string? preconditionResourceVersion, bool dryRun)
    {
        StoredObject result;
        lock (_gate)
        {
            var current = Bucket(type).GetValueOrDefault(Key(type, ns, name)) ?? throw StoreErrors.NotFound(type, name);
            CheckDeletePreconditions(type, current, preconditionUid, preconditionResourceVersion);
            result = dryRun ? current : DeleteLocked(current);
        }

        Deliver();
        return result;
    }

    private static void CheckDeletePreconditions(ResourceType type, StoredObject current, string? uid, string? resourceVersion)
    {
        if (uid is not null && uid != current.Uid)
        {
            throw StoreErrors.Conflict(type, current.Name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
        }

        var currentRv = current.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (resourceVersion is not null && resourceVersion != currentRv)
        {
            throw StoreErrors.Conflict(type, current.Name, $"Precondition failed: ResourceVersion in precondition: {resourceVersion}, ResourceVersion in object meta: {currentRv}");
        }
    }

    private StoredObject DeleteLocked(StoredObject current)
    {
        var type = current.Type;
        var node = current.ToNode();
        if (ObjectMeta.IsTerminating(node))
        {
            return current;
        }

        BeforeDelete?.Invoke(type, node);

        var isNamespace = type == ResourceType.Namespace;
        var contents = isNamespace ? ContentsOf(current.Name) : [];
        if (ObjectMeta.Finalizers(node).Count == 0 && contents.Count == 0)
        {
            return RemoveLocked(node, type);
        }

        var meta = ObjectMeta.Of(node);
        meta["deletionTimestamp"] = Now();
        meta["deletionGracePeriodSeconds"] = 0;
        if (HasGeneration(type))
        {
            meta["generation"] = ObjectMeta.Generation(node) + 1;
        }

        if (isNamespace)
        {
            node["status"] = new JsonObject { ["phase"] = "Terminating" };
        }

        meta["resourceVersion"] = (++_rv).ToString(CultureInfo.InvariantCulture);
        var stored = new StoredObject(type, node);
        Bucket(type)[Key(type, current.Namespace, current.Name)] = stored;
        Commit(new StoreChange(StoreChange.Modified, stored, current));
        foreach (var child in contents)
        {
            DeleteLocked(child);
        }

        return Bucket(type).GetValueOrDefault(Key(type, null, current.Name)) ?? stored;
    }

    /// <summary>Removes the object for good; the DELETED event carries its last state under a new resourceVersion.</summary>
    private StoredObject RemoveLocked(JsonObject last, ResourceType type)
    {
        ObjectMeta.Of(last)["resourceVersion"] = (++_rv).ToString(CultureInfo.InvariantCulture);
        var stored = new StoredObject(type, last);
        Bucket(type).Remove(Key(type, stored.Namespace, stored.Name));
        CountInNamespace(type, stored.Namespace, -1);
        Commit(new StoreChange(StoreChange.Deleted, stored));
        if (type.Namespaced)
        {
            FinishNamespaceIfEmpty(stored.Namespace);
        }

        return stored;
    }

    private void FinishNamespaceIfEmpty(string ns)
    {
        var nsKey = Key(ResourceType.Namespace, null, ns);
        if (_namespaceCounts.GetValueOrDefault(ns) == 0
            && Bucket(ResourceType.Namespace).TryGetValue(nsKey, out var nsObj)
            && nsObj.Metadata.TryGetProperty("deletionTimestamp", out _))
        {
            RemoveLocked(nsObj.ToNode(), ResourceType.Namespace);
        }
    }

    private List<StoredObject> ContentsOf(string ns) =>
        _namespaceCounts.GetValueOrDefault(ns) == 0 ? [] : _buckets.Values.SelectMany(b => b.Values).Where(o => o.Type.Namespaced && o.Namespace == ns).ToList();

    /// <summary>Keeps the number of objects per namespace, so emptiness checks during a namespace delete stay O(1).</summary>
    private void CountInNamespace(ResourceType type, string ns, int delta)
    {
        if (type.Namespaced)
        {
            _namespaceCounts[ns] = _namespaceCounts.GetValueOrDefault(ns) + delta;
        }
    }
}
