using System.Globalization;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

public sealed partial class ObjectStore
{
    private static readonly string[] ServerOwnedOnUpdate =
        ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion"];

    private StoredObject Replace(ResourceType type, JsonObject obj, WriteOptions write, string? subresource)
    {
        var name = ObjectMeta.Name(obj) ?? throw StoreErrors.BadRequest("name is required");
        var ns = type.Namespaced ? ObjectMeta.Namespace(obj) : null;
        var copy = obj.DeepClone().AsObject();
        return Modify(type, ns, name, current => current is null ? throw StoreErrors.NotFound(type, name) : copy, write, subresource).Object;
    }

    /// <summary>
    /// The one update path (PUT, every patch type, apply, status writes): under the store lock, hands the current
    /// object (a fresh copy, or null when absent) to <paramref name="mutate"/> and stores what it returns with
    /// update semantics. When the object is absent and <paramref name="mutate"/> returns one, it is created
    /// (server-side apply). Running the mutation under the lock avoids lost updates without retry loops.
    /// </summary>
    internal WriteResult Modify(ResourceType type, string? ns, string name, Func<JsonObject?, JsonObject> mutate, WriteOptions write, string? subresource = null)
    {
        WriteResult result;
        lock (_gate)
        {
            var current = Bucket(type).GetValueOrDefault(Key(type, ns, name));
            var desired = mutate(current?.ToNode());
            if (current is null)
            {
                result = new WriteResult(CreateLocked(type, desired, write), Created: true);
            }
            else
            {
                result = new WriteResult(UpdateLocked(type, current, desired, write, subresource), Created: false);
            }
        }

        Deliver();
        return result;
    }

    private StoredObject UpdateLocked(ResourceType type, StoredObject current, JsonObject incoming, WriteOptions write, string? subresource)
    {
        CheckPreconditions(type, current, incoming);
        var before = current.ToNode();
        var incomingFields = ObjectMeta.Of(incoming)["managedFields"]?.DeepClone();
        var next = subresource == "status" ? WithStatusOf(before, incoming) : WithContentOf(type, current, incoming);
        TypeDefaults.Apply(type, next, creating: false);
        if (subresource is null)
        {
            CheckNoNewFinalizers(type, before, next);
            if (LabelValidation.Check(next) is { Count: > 0 } labelProblems)
            {
                throw StoreErrors.Invalid(type, ObjectMeta.Name(before) ?? "", labelProblems);
            }
        }

        if (HasGeneration(type) && !SameOutsideMetadataAndStatus(before, next))
        {
            ObjectMeta.Of(next)["generation"] = ObjectMeta.Generation(before) + 1;
        }

        var contentSame = SameIgnoringManagedFields(before, next);
        var fieldsChanged = ManagedFields.Apply(before, next, incomingFields, write, subresource, Now(), ManagedFields.ShapeOf(SchemaOf(type)), StatusIsSubresource(type), type.ApiVersion);
        if (contentSame && !fieldsChanged)
        {
            return current;
        }
        if (write.DryRun)
        {
            return new StoredObject(type, next);
        }

        if (ObjectMeta.IsTerminating(next) && ObjectMeta.Finalizers(next).Count == 0 && type != ResourceType.Namespace)
        {
            return RemoveLocked(next, type);
        }

        ObjectMeta.Of(next)["resourceVersion"] = (++_rv).ToString(CultureInfo.InvariantCulture);
        var stored = new StoredObject(type, next);
        Bucket(type)[Key(type, current.Namespace, current.Name)] = stored;
        Commit(new StoreChange(StoreChange.Modified, stored, current));
        return stored;
    }

    /// <summary>A resourceVersion or uid in the body must match the stored object; absent means "no check".</summary>
    private static void CheckPreconditions(ResourceType type, StoredObject current, JsonObject incoming)
    {
        var rv = ObjectMeta.ResourceVersion(incoming);
        if (rv is not null && rv != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw StoreErrors.Conflict(type, current.Name);
        }

        var uid = ObjectMeta.Uid(incoming);
        if (uid is not null && uid != current.Uid)
        {
            throw StoreErrors.Conflict(type, current.Name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid}");
        }
    }

    /// <summary>A main-resource write: the client's content and metadata, but server-owned metadata (and a subresource status) kept.</summary>
    private JsonObject WithContentOf(ResourceType type, StoredObject current, JsonObject incoming)
    {
        var next = incoming;
        var meta = ObjectMeta.Of(next);
        var before = current.ToNode();
        var beforeMeta = ObjectMeta.Of(before);
        foreach (var field in ServerOwnedOnUpdate)
        {
            meta.Remove(field);
            if (beforeMeta[field] is { } kept)
            {
                meta[field] = kept.DeepClone();
            }
        }

        meta.Remove("selfLink");
        next["apiVersion"] = type.ApiVersion;
        next["kind"] = type.Kind;
        if (StatusIsSubresource(type))
        {
            next.Remove("status");
            if (before["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
        }

        ObjectMeta.OrderTopLevel(next);
        return next;
    }

    /// <summary>A status write: the stored object with only its status replaced.</summary>
    private static JsonObject WithStatusOf(JsonObject before, JsonObject incoming)
    {
        var next = before.DeepClone().AsObject();
        next.Remove("status");
        if (incoming["status"] is { } status)
        {
            next["status"] = status.DeepClone();
        }

        return next;
    }

    private static void CheckNoNewFinalizers(ResourceType type, JsonObject before, JsonObject next)
    {
        if (!ObjectMeta.IsTerminating(before))
        {
            return;
        }

        var added = ObjectMeta.Finalizers(next).Except(ObjectMeta.Finalizers(before)).ToList();
        if (added.Count > 0)
        {
            var list = string.Join(", ", added.Select(f => $"\"{f}\""));
            throw StoreErrors.Invalid(type, ObjectMeta.Name(before) ?? "", new StatusCause("FieldValueForbidden",
                $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{list}}}", "metadata.finalizers"));
        }
    }

    private static bool SameOutsideMetadataAndStatus(JsonObject a, JsonObject b)
    {
        static IEnumerable<string> ContentKeys(JsonObject o) => o.Select(p => p.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata" or "status"));
        var keys = ContentKeys(a).Union(ContentKeys(b));
        return keys.All(k => JsonNode.DeepEquals(a[k], b[k]));
    }

    private static bool SameIgnoringManagedFields(JsonObject a, JsonObject b)
    {
        var metaA = ObjectMeta.Of(a);
        var metaB = ObjectMeta.Of(b);
        var fieldsA = metaA["managedFields"];
        var fieldsB = metaB["managedFields"];
        metaA.Remove("managedFields");
        metaB.Remove("managedFields");
        var same = JsonNode.DeepEquals(a, b);
        if (fieldsA is not null)
        {
            metaA["managedFields"] = fieldsA;
        }

        if (fieldsB is not null)
        {
            metaB["managedFields"] = fieldsB;
        }

        return same;
    }
}
