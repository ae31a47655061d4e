using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Definitions;

/// <summary>
/// The kinds the API serves right now: the core kinds plus one entry per served version of every stored
/// CustomResourceDefinition. It follows the CRD objects in the store, so creating, replacing or deleting a CRD
/// (through the API or in-process) changes what is served before that write returns. Our own definitions of
/// ClusterDeployment, ClusterTemplate, ClusterTemplateChain and Credential are installed as CRD objects at start.
/// Deleting a CRD goes through <see cref="CrdFinalizer"/>: its objects are deleted (finalizers honoured) first.
/// </summary>
internal sealed class ResourceRegistry : IDisposable
{
    private static readonly string[] BuiltInCrdFiles = ["clusterdeployments.yaml", "clustertemplates.yaml", "clustertemplatechains.yaml", "credentials.yaml", "managements.yaml", "releases.yaml"];

    private readonly ObjectStore _store;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ResourceDefinition>> _byCrd = new(StringComparer.Ordinal);
    private readonly HashSet<string> _terminating = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;
    private readonly CrdFinalizer _finalizer;
    private volatile RegistrySnapshot _snapshot;

    public ResourceRegistry(ObjectStore store)
    {
        _store = store;
        _finalizer = new CrdFinalizer(store);
        _snapshot = Rebuild(0);
        store.StatusIsSubresource = HasStatusSubresource;
        store.SchemaOf = type => Find(type.Group, type.Version, type.Plural)?.Schema;
        store.BeforeDelete = CrdFinalizer.PrepareDeletion;
        var start = store.Watch(CoreDefinitions.CustomResourceDefinition, null, 0, OnCrdChange);
        _subscription = start.Subscription!;
        foreach (var change in start.Initial)
        {
            OnCrdChange(change);
        }

        InstallBuiltIns();
    }

    /// <summary>Changes whenever the set of served kinds changes (discovery and OpenAPI caches key on it).</summary>
    public long Version => _snapshot.Version;

    public IReadOnlyList<ResourceDefinition> All => _snapshot.All;

    public ResourceDefinition? Find(string group, string version, string plural) =>
        _snapshot.ByPath.GetValueOrDefault($"{group}/{version}/{plural}");

    /// <summary>Whether the kind's CRD is being deleted (its objects are being cleaned up; new ones are refused).</summary>
    public bool IsTerminating(ResourceDefinition def) =>
        def.IsCustomResource && _snapshot.Terminating.Contains($"{def.Type.Group}/{def.Type.Plural}");

    public void Dispose()
    {
        _subscription.Dispose();
        _finalizer.Dispose();
    }

    private bool HasStatusSubresource(ResourceType type) =>
        Find(type.Group, type.Version, type.Plural)?.HasStatus ?? type.Group.Length > 0;

    private void InstallBuiltIns()
    {
        foreach (var file in BuiltInCrdFiles)
        {
            var crd = EmbeddedYaml.Read(file).AsObject();
            if (_store.GetStored(CoreDefinitions.CustomResourceDefinition, null, ObjectMeta.Name(crd)!) is null)
            {
                _store.CreateCore(CoreDefinitions.CustomResourceDefinition, crd, new WriteOptions("childctl-sandbox"));
            }
        }
    }

    private void OnCrdChange(StoreChange change)
    {
        List<ResourceType> dropped;
        lock (_gate)
        {
            var before = _snapshot.All.Select(d => d.Type).ToHashSet();
            _terminating.Remove(change.Object.Name);
            if (change.Type == StoreChange.Deleted)
            {
                _byCrd.Remove(change.Object.Name);
            }
            else
            {
                _byCrd[change.Object.Name] = CrdReader.Read(change.Object.Root);
                if (change.Object.Metadata.TryGetProperty("deletionTimestamp", out _))
                {
                    _terminating.Add(change.Object.Name);
                }
            }

            _snapshot = Rebuild(_snapshot.Version + 1);
            var after = _snapshot.All.Select(d => (d.Type.Group, d.Type.Plural)).ToHashSet();
            dropped = before.Where(t => !after.Contains((t.Group, t.Plural))).ToList();
        }

        foreach (var type in dropped)
        {
            _store.DropType(type);
        }

        if (change.Type != StoreChange.Deleted)
        {
            EnsureEstablished(change.Object);
            _finalizer.OnChange(change.Object);
        }
    }

    private RegistrySnapshot Rebuild(long version)
    {
        var all = CoreDefinitions.All.Concat(_byCrd.Values.SelectMany(d => d).OrderBy(d => d.Type.Group, StringComparer.Ordinal).ThenBy(d => d.Type.Plural, StringComparer.Ordinal)).ToList();
        var byPath = new Dictionary<string, ResourceDefinition>(StringComparer.Ordinal);
        foreach (var d in all)
        {
            byPath[d.PathKey] = d;
        }

        var terminating = _byCrd.Where(c => _terminating.Contains(c.Key)).SelectMany(c => c.Value).Select(d => $"{d.Type.Group}/{d.Type.Plural}").ToHashSet(StringComparer.Ordinal);
        return new RegistrySnapshot(version, all, byPath, terminating);
    }

    /// <summary>Writes the status a real apiserver gives an accepted CRD (kubectl wait --for=condition=Established relies on it).</summary>
    private void EnsureEstablished(StoredObject crd)
    {
        if (crd.Root.TryGetProperty("status", out var status) && status.TryGetProperty("acceptedNames", out _))
        {
            var names = crd.Root.GetProperty("spec").GetProperty("names");
            if (names.GetRawText() == status.GetProperty("acceptedNames").GetRawText())
            {
                return;
            }
        }

        try
        {
            _store.Modify(CoreDefinitions.CustomResourceDefinition, null, crd.Name, current =>
            {
                var obj = current ?? throw StoreErrors.NotFound(CoreDefinitions.CustomResourceDefinition, crd.Name);
                obj["status"] = EstablishedStatus(obj);
                return obj;
            }, new WriteOptions("kube-apiserver"), "status");
        }
        catch (StoreException)
        {
            // Deleted meanwhile: nothing to establish.
        }
    }

    private static JsonObject EstablishedStatus(JsonObject crd)
    {
        var now = ObjectMeta.Timestamp(DateTimeOffset.UtcNow);
        var versions = crd["spec"]?["versions"] as JsonArray ?? [];
        var stored = versions.OfType<JsonObject>().Where(v => v["storage"]?.GetValueKind() == JsonValueKind.True).Select(v => (JsonNode?)v["name"]?.DeepClone());
        return new JsonObject
        {
            ["acceptedNames"] = crd["spec"]?["names"]?.DeepClone(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["storedVersions"] = new JsonArray(stored.ToArray()),
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private sealed record RegistrySnapshot(long Version, IReadOnlyList<ResourceDefinition> All, IReadOnlyDictionary<string, ResourceDefinition> ByPath, IReadOnlySet<string> Terminating);
}
