using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>Writes a kind's List by copying each object's stored bytes: no re-serialisation, so big lists stay cheap.</summary>
internal static class ListWriter
{
    public static ArrayBufferWriter<byte> Write(ResourceDefinition def, IReadOnlyList<StoredObject> items, long resourceVersion, string? continueToken, long? remainingItemCount = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + items.Sum(i => i.Json.Length + 1));
        using var w = new Utf8JsonWriter(buffer, StoreJsonContext.WriterOptions);
        w.WriteStartObject();
        w.WriteString("apiVersion", def.Type.ApiVersion);
        w.WriteString("kind", def.ListKind);
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
        if (continueToken is not null)
        {
            w.WriteString("continue", continueToken);
        }

        if (remainingItemCount is { } remaining)
        {
            w.WriteNumber("remainingItemCount", remaining);
        }

        w.WriteEndObject();
        w.WriteStartArray("items");
        foreach (var item in items)
        {
            w.WriteRawValue(item.Json, skipInputValidation: true);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        return buffer;
    }
}
