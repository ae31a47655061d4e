using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Storage;

/// <summary>
/// The in-memory <see cref="IObjectStore"/>: one lock around all state, so every write sees and produces one
/// consistent global resourceVersion. Each object version is kept immutable and pre-serialised
/// (<see cref="StoredObject"/>), which makes big lists and watch fan-out cheap. Changes are delivered to
/// subscribers outside the lock but strictly in resourceVersion order, and before the write that caused them
/// returns (a callback may itself write; its event follows once the callback returns).
/// </summary>
public sealed partial class ObjectStore : IObjectStore
{
    /// <summary>How many recent changes of each kind are kept for watches that resume from a resourceVersion.</summary>
    public const int DefaultChangeLogCapacity = 10_000;

    private static readonly string[] SeededNamespaces = ["default", "kube-system", "kube-public", "kcm-system"];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _namespaceCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChangeLog> _logs = new(StringComparer.Ordinal);
    private readonly int _changeLogCapacity;
    private readonly TimeProvider _time;
    private readonly Random _names = new();
    private long _rv;
    private long _compactedAt;

    public ObjectStore(TimeProvider? time = null, int changeLogCapacity = DefaultChangeLogCapacity)
    {
        _time = time ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(changeLogCapacity, 1);
        _changeLogCapacity = changeLogCapacity;
        foreach (var ns in SeededNamespaces)
        {
            CreateCore(ResourceType.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, new WriteOptions(""));
        }
    }

    public long ResourceVersion => Volatile.Read(ref _rv);

    /// <summary>
    /// Whether a type's status is a subresource (main-resource writes keep it; status writes change only it).
    /// The API layer points this at its CRD registry; by default custom resources and namespaces have one.
    /// </summary>
    internal Func<ResourceType, bool> StatusIsSubresource { get; set; } = t => t.Group.Length > 0 || t == ResourceType.Namespace;

    /// <summary>
    /// A type's structural schema, for the list and map types field ownership needs (x-kubernetes-list-type and
    /// friends). The API layer points this at its CRD registry; by default there is none and fields are deduced.
    /// </summary>
    internal Func<ResourceType, System.Text.Json.JsonElement?> SchemaOf { get; set; } = _ => null;

    public JsonObject? Get(ResourceType type, string? ns, string name) => GetStored(type, ns, name)?.ToNode();

    public IReadOnlyList<JsonObject> List(ResourceType type, string? ns) =>
        Snapshot(type, ns).Items.Select(o => o.ToNode()).ToList();

    public JsonObject Create(ResourceType type, JsonObject obj, string fieldManager) =>
        CreateCore(type, obj, new WriteOptions(fieldManager)).ToNode();

    public JsonObject Update(ResourceType type, JsonObject obj, string fieldManager) =>
        Replace(type, obj, new WriteOptions(fieldManager), subresource: null).ToNode();

    public JsonObject UpdateStatus(ResourceType type, JsonObject obj, string fieldManager) =>
        Replace(type, obj, new WriteOptions(fieldManager), subresource: "status").ToNode();

    public JsonObject Delete(ResourceType type, string? ns, string name, string? preconditionUid = null, string? preconditionResourceVersion = null) =>
        DeleteCore(type, ns, name, preconditionUid, preconditionResourceVersion, dryRun: false).ToNode();

    /// <summary>
    /// Forgets every kind's change log up to now, as an etcd compaction does: watches from any earlier
    /// resourceVersion then get 410 Expired. A knob for tests and demos.
    /// </summary>
    public void CompactHistory()
    {
        lock (_gate)
        {
            foreach (var log in _logs.Values)
            {
                log.Compact(_rv);
            }

            _compactedAt = _rv;
        }
    }

    internal StoredObject? GetStored(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return Bucket(type).GetValueOrDefault(Key(type, ns, name));
        }
    }

    /// <summary>The matching objects, ordered by namespace then name, with the resourceVersion they were read at.</summary>
    internal (List<StoredObject> Items, long ResourceVersion) Snapshot(ResourceType type, string? ns)
    {
        lock (_gate)
        {
            var bucket = Bucket(type);
            var items = new List<StoredObject>(ns is null ? bucket.Count : 16);
            foreach (var o in bucket.Values)
            {
                if (ns is null || !type.Namespaced || o.Namespace == ns)
                {
                    items.Add(o);
                }
            }

            return (items, _rv);
        }
    }

    /// <summary>Drops every object of a type (its definition went away), sending DELETED for each.</summary>
    internal void DropType(ResourceType type)
    {
        lock (_gate)
        {
            foreach (var o in Bucket(type).Values.ToList())
            {
                RemoveLocked(o.ToNode(), o.Type);
            }
        }

        Deliver();
    }

    private static string BucketKey(ResourceType type) => $"{type.Group}/{type.Plural}";

    private static string Key(ResourceType type, string? ns, string name) => type.Namespaced ? $"{ns}\0{name}" : $"\0{name}";

    private static bool HasGeneration(ResourceType type) => type.Group.Length > 0;

    private SortedDictionary<string, StoredObject> Bucket(ResourceType type)
    {
        var key = BucketKey(type);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            _buckets[key] = bucket;
        }

        return bucket;
    }

    /// <summary>The change log of one kind, made on first use (remembering a compaction that came before it).</summary>
    private ChangeLog LogOf(ResourceType type)
    {
        var key = BucketKey(type);
        if (!_logs.TryGetValue(key, out var log))
        {
            log = new ChangeLog(_changeLogCapacity);
            log.Compact(_compactedAt);
            _logs[key] = log;
        }

        return log;
    }

    private string Now() => ObjectMeta.Timestamp(_time.GetUtcNow());
}
