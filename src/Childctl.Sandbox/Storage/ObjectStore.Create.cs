using System.Globalization;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

public sealed partial class ObjectStore
{
    private const string GeneratedNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private static readonly string[] ServerOwnedOnCreate =
        ["resourceVersion", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "managedFields", "selfLink"];

    /// <summary>Creates the object; with a dry run the answer is computed and validated but nothing is stored.</summary>
    internal StoredObject CreateCore(ResourceType type, JsonObject input, WriteOptions write)
    {
        var obj = input.DeepClone().AsObject();
        StoredObject stored;
        lock (_gate)
        {
            stored = CreateLocked(type, obj, write);
        }

        Deliver();
        return stored;
    }

    private StoredObject CreateLocked(ResourceType type, JsonObject obj, WriteOptions write)
    {
        var ns = NamespaceFor(type, obj);
        var name = ChooseName(type, obj, ns);
        if (LabelValidation.Check(obj) is { Count: > 0 } labelProblems)
        {
            throw StoreErrors.Invalid(type, name, labelProblems);
        }

        if (type.Namespaced)
        {
            RequireLiveNamespace(type, ns!, name);
        }

        var bucket = Bucket(type);
        if (bucket.ContainsKey(Key(type, ns, name)))
        {
            throw StoreErrors.AlreadyExists(type, name);
        }

        StampNew(type, obj, name, write);
        ObjectMeta.OrderTopLevel(obj);
        var stored = new StoredObject(type, obj);
        if (write.DryRun)
        {
            return stored;
        }

        _rv++;
        bucket[Key(type, ns, name)] = stored;
        CountInNamespace(type, stored.Namespace, +1);
        Commit(new StoreChange(StoreChange.Added, stored));
        return stored;
    }

    /// <summary>Replaces whatever the client sent in server-owned fields with the values of a new object.</summary>
    private void StampNew(ResourceType type, JsonObject obj, string name, WriteOptions write)
    {
        var meta = ObjectMeta.Of(obj);
        var incomingFields = ManagedFields.Take(obj);
        foreach (var field in ServerOwnedOnCreate)
        {
            meta.Remove(field);
        }

        var now = Now();
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        meta["name"] = name;
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = write.CreatedAt is { } createdAt ? ObjectMeta.Timestamp(createdAt) : now;
        if (HasGeneration(type))
        {
            meta["generation"] = 1;
        }

        TypeDefaults.Apply(type, obj, creating: true);
        ManagedFields.Apply(null, obj, incomingFields, write, subresource: null, now, ManagedFields.ShapeOf(SchemaOf(type)), StatusIsSubresource(type), type.ApiVersion);
        if (!write.DryRun)
        {
            meta["resourceVersion"] = (_rv + 1).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Namespaced objects must name one; cluster-scoped objects never keep one.</summary>
    private static string? NamespaceFor(ResourceType type, JsonObject obj)
    {
        var meta = ObjectMeta.Of(obj);
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return null;
        }

        return ObjectMeta.Namespace(obj) ?? throw StoreErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
    }

    private string ChooseName(ResourceType type, JsonObject obj, string? ns)
    {
        var name = ObjectMeta.Name(obj);
        if (name is null)
        {
            var prefix = ObjectMeta.String(ObjectMeta.Of(obj), "generateName");
            if (string.IsNullOrEmpty(prefix))
            {
                throw StoreErrors.Invalid(type, "", new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
            }

            do
            {
                name = prefix + new string(Enumerable.Range(0, 5).Select(_ => GeneratedNameAlphabet[_names.Next(GeneratedNameAlphabet.Length)]).ToArray());
            }
            while (Bucket(type).ContainsKey(Key(type, ns, name)));
        }

        var problem = NameValidation.Check(type, name);
        return problem is null ? name : throw StoreErrors.Invalid(type, name, problem);
    }

    private void RequireLiveNamespace(ResourceType type, string ns, string name)
    {
        if (!Bucket(ResourceType.Namespace).TryGetValue(Key(ResourceType.Namespace, null, ns), out var nsObj))
        {
            throw StoreErrors.NamespaceNotFound(ns);
        }

        if (nsObj.Metadata.TryGetProperty("deletionTimestamp", out _))
        {
            throw StoreErrors.NamespaceTerminating(type, name, ns);
        }
    }

    /// <inheritdoc />
    public JsonObject CreateBackdated(ResourceType type, JsonObject obj, DateTimeOffset createdAt, string fieldManager) =>
        CreateCore(type, obj, new WriteOptions(fieldManager, CreatedAt: createdAt)).ToNode();
}
