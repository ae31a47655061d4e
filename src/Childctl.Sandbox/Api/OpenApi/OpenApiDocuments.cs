using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.OpenApi;

/// <summary>
/// OpenAPI v3: a root listing each group-version with a content hash, and per group-version a document with the
/// operations kubectl checks before create/apply (a PATCH carrying the fieldValidation parameter and
/// x-kubernetes-group-version-kind) plus each kind's schema and the meta types in components.schemas, which is
/// what explain reads. OpenAPI v2 (<see cref="OpenApiV2"/>) for kubectl's fallback validation. Rebuilt only when the
/// served kinds change.
/// </summary>
internal sealed class OpenApiDocuments(ResourceRegistry registry)
{
    private readonly Lock _gate = new();
    private long _builtFor = -1;
    private byte[] _root = [];
    private Dictionary<string, byte[]> _groupVersions = [];
    private byte[] _v2Json = [];
    private byte[] _v2Proto = [];

    public byte[] Root()
    {
        EnsureBuilt();
        return _root;
    }

    public byte[]? GroupVersion(string group, string version)
    {
        EnsureBuilt();
        lock (_gate)
        {
            return _groupVersions.GetValueOrDefault(Key(group, version));
        }
    }

    /// <summary>The v2 document, as gnostic protobuf (what kubectl asks for) or as JSON.</summary>
    public byte[] V2(bool protobuf)
    {
        EnsureBuilt();
        lock (_gate)
        {
            return protobuf ? _v2Proto : _v2Json;
        }
    }

    private static string Key(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private void EnsureBuilt()
    {
        lock (_gate)
        {
            if (_builtFor == registry.Version)
            {
                return;
            }

            var docs = registry.All.GroupBy(d => Key(d.Type.Group, d.Type.Version))
                .ToDictionary(g => g.Key, g => Write(w => GroupVersionWriter.Write(w, g.ToList())), StringComparer.Ordinal);
            _groupVersions = docs;
            _root = Write(w => WriteRoot(w, docs));
            var v2 = OpenApiV2.Build(registry.All);
            _v2Json = JsonSerializer.SerializeToUtf8Bytes(v2, Storage.StoreJsonContext.Wire.JsonObject);
            _v2Proto = GnosticProto.Encode(v2);
            _builtFor = registry.Version;
        }
    }

    private static void WriteRoot(Utf8JsonWriter w, Dictionary<string, byte[]> docs)
    {
        w.WriteStartObject();
        w.WriteStartObject("paths");
        foreach (var (key, doc) in docs.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(key);
            w.WriteString("serverRelativeURL", $"/openapi/v3/{key}?hash={Convert.ToHexString(SHA512.HashData(doc))}");
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(buffer, StoreJsonContext.WriterOptions))
        {
            write(w);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
