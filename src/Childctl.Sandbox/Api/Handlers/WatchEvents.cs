using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api.Tables;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>
/// Encodes watch events as newline-terminated JSON lines (the C# client reads line by line), as plain objects or,
/// when a Table was asked for, as one-row Tables whose columns are sent only with the first event.
/// </summary>
internal sealed class WatchEvents(ResourceDefinition def, string? tableMediaType, IncludeObject include, TimeProvider time)
{
    private bool _columnsSent;

    public byte[] Change(string type, StoredObject obj) => Line(w =>
    {
        w.WriteString("type", type);
        w.WritePropertyName("object");
        if (tableMediaType is null)
        {
            w.WriteRawValue(obj.Json, skipInputValidation: true);
            return;
        }

        new TableWriter(def, tableMediaType, include, time.GetUtcNow()).Write(w, [obj], obj.ResourceVersion, null, withColumns: !_columnsSent);
        _columnsSent = true;
    });

    public byte[] Bookmark(long resourceVersion) => Line(w =>
    {
        w.WriteString("type", "BOOKMARK");
        w.WriteStartObject("object");
        w.WriteString("kind", tableMediaType is null ? def.Type.Kind : "Table");
        w.WriteString("apiVersion", tableMediaType is null ? def.Type.ApiVersion : "meta.k8s.io/v1");
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] Expired(long requested, long oldest) => Line(w =>
    {
        w.WriteString("type", "ERROR");
        w.WritePropertyName("object");
        Http.StatusBody.WriteFailure(w, new StoreException(410, "Expired", $"too old resource version: {requested} ({oldest})"));
    });

    private static byte[] Line(Action<Utf8JsonWriter> writeBody)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, StoreJsonContext.WriterOptions))
        {
            w.WriteStartObject();
            writeBody(w);
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
