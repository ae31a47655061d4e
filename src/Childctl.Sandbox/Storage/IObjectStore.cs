using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

/// <summary>
/// The emulator's object store, used by the HTTP API and by the simulated k0rdent controller alike, with
/// the same semantics as kube-apiserver: one global increasing resourceVersion; uid, creationTimestamp and
/// generation set on create; generation bumped only by spec (non-metadata, non-status) changes and when
/// deletionTimestamp is first set; a stale metadata.resourceVersion on update fails with a conflict;
/// a delete of an object with finalizers only sets deletionTimestamp, and the object goes away when an
/// update leaves it with no finalizers; no-op updates keep the resourceVersion and emit no event.
/// Objects passed in and returned are deep copies owned by the caller. Errors are thrown as
/// <see cref="StoreException"/> carrying the Kubernetes reason and HTTP code.
/// </summary>
public interface IObjectStore
{
    /// <summary>The current global resourceVersion.</summary>
    long ResourceVersion { get; }

    JsonObject? Get(ResourceType type, string? ns, string name);

    /// <summary>All objects of a type, in one namespace or (ns null) all, ordered by namespace then name.</summary>
    IReadOnlyList<JsonObject> List(ResourceType type, string? ns);

    /// <summary>Creates the object (honours generateName); throws AlreadyExists (409) or NotFound for a missing namespace.</summary>
    JsonObject Create(ResourceType type, JsonObject obj, string fieldManager);

    /// <summary>
    /// Creates the object with a creationTimestamp in the past, for seeding a sandbox whose clusters have an
    /// age. A store that cannot backdate creates it now.
    /// </summary>
    JsonObject CreateBackdated(ResourceType type, JsonObject obj, DateTimeOffset createdAt, string fieldManager) => Create(type, obj, fieldManager);

    /// <summary>Replaces metadata and spec, keeping the stored status. Removing the last finalizer of a terminating object deletes it.</summary>
    JsonObject Update(ResourceType type, JsonObject obj, string fieldManager);

    /// <summary>Replaces only the status of the stored object.</summary>
    JsonObject UpdateStatus(ResourceType type, JsonObject obj, string fieldManager);

    /// <summary>
    /// Deletes the object, or marks it terminating when it has finalizers. Preconditions, when given, must
    /// match (409 Conflict otherwise). Returns the object as it is after the call.
    /// </summary>
    JsonObject Delete(ResourceType type, string? ns, string name, string? preconditionUid = null, string? preconditionResourceVersion = null);

    /// <summary>
    /// Every change, in resourceVersion order, from now on. Callbacks run one at a time, outside the store's lock,
    /// and a change is delivered to every subscriber before the write that caused it returns. A callback may write
    /// to the store (that change is delivered once the callback returns), but must be quick and must not wait for
    /// another thread that writes to the store. Each callback gets its own copy of the object.
    /// </summary>
    IDisposable Subscribe(Action<StoreEvent> onEvent);
}

/// <summary>
/// How a write is recorded: the field manager and operation (Update or Apply) for managedFields, and whether it
/// is a dry run (validated and answered, but nothing stored and no event sent). <paramref name="CreatedAt"/>
/// backdates a create (seeding a world that has history); null stamps the current time.
/// </summary>
internal sealed record WriteOptions(string FieldManager, string Operation = WriteOptions.Update, bool DryRun = false, DateTimeOffset? CreatedAt = null)
{
    public const string Update = "Update";
    public const string Apply = "Apply";
}

/// <summary>What a write did: the object as it now is, and whether the write created it (for 201 vs 200).</summary>
internal sealed record WriteResult(StoredObject Object, bool Created);
