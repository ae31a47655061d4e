using System.Buffers;
using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Discovery;

/// <summary>
/// The discovery documents, legacy (APIVersions, APIGroupList, APIGroup, APIResourceList) and aggregated
/// (APIGroupDiscoveryList v2 / v2beta1), rebuilt only when the set of served kinds changes.
/// </summary>
internal sealed class DiscoveryDocuments(ResourceRegistry registry)
{
    private readonly Lock _gate = new();
    private long _builtFor = -1;
    private Dictionary<string, byte[]> _cache = [];

    public byte[] CoreVersions(string serverAddress) => Cached($"api|{serverAddress}", w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIVersions");
        w.WriteStartArray("versions");
        w.WriteStringValue("v1");
        w.WriteEndArray();
        w.WriteStartArray("serverAddressByClientCIDRs");
        w.WriteStartObject();
        w.WriteString("clientCIDR", "0.0.0.0/0");
        w.WriteString("serverAddress", serverAddress);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public byte[] GroupList() => Cached("apis", w =>
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupList");
        w.WriteString("apiVersion", "v1");
        w.WriteStartArray("groups");
        foreach (var group in Groups().Where(g => g.Key.Length > 0))
        {
            LegacyWriter.WriteGroup(w, group.Key, group.Value.Keys);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public byte[]? Group(string name)
    {
        var groups = Groups();
        return groups.TryGetValue(name, out var versions) && name.Length > 0
            ? Cached($"group|{name}", w => LegacyWriter.WriteGroup(w, name, versions.Keys, withKind: true))
            : null;
    }

    public byte[]? ResourceList(string group, string version)
    {
        var groups = Groups();
        if (!groups.TryGetValue(group, out var versions) || !versions.TryGetValue(version, out var resources))
        {
            return null;
        }

        return Cached($"resources|{group}|{version}", w => LegacyWriter.WriteResourceList(w, group.Length == 0 ? version : $"{group}/{version}", resources));
    }

    /// <summary>The aggregated document for <c>/api</c> (core only) or <c>/apis</c> (every other group).</summary>
    public byte[] Aggregated(bool core, string apiVersion) => Cached($"aggregated|{core}|{apiVersion}", w =>
    {
        var groups = Groups().Where(g => (g.Key.Length == 0) == core);
        AggregatedWriter.Write(w, apiVersion, groups);
    });

    /// <summary>group → version → resources, in a stable order.</summary>
    private SortedDictionary<string, SortedDictionary<string, List<DiscoveryResource>>> Groups()
    {
        var result = new SortedDictionary<string, SortedDictionary<string, List<DiscoveryResource>>>(StringComparer.Ordinal);
        foreach (var r in registry.All.Select(DiscoveryResource.From).Concat(DiscoveryResource.Reviews))
        {
            if (!result.TryGetValue(r.Group, out var versions))
            {
                versions = new SortedDictionary<string, List<DiscoveryResource>>(StringComparer.Ordinal);
                result[r.Group] = versions;
            }

            if (!versions.TryGetValue(r.Version, out var list))
            {
                list = [];
                versions[r.Version] = list;
            }

            list.Add(r);
        }

        return result;
    }

    private byte[] Cached(string key, Action<Utf8JsonWriter> write)
    {
        lock (_gate)
        {
            if (_builtFor != registry.Version)
            {
                _cache = [];
                _builtFor = registry.Version;
            }

            if (!_cache.TryGetValue(key, out var bytes))
            {
                var buffer = new ArrayBufferWriter<byte>(4096);
                using (var w = new Utf8JsonWriter(buffer, StoreJsonContext.WriterOptions))
                {
                    write(w);
                }

                bytes = buffer.WrittenSpan.ToArray();
                _cache[key] = bytes;
            }

            return bytes;
        }
    }
}
