using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Tables;

/// <summary>
/// Writes meta.k8s.io Tables: all columns (kubectl hides priority &gt; 0 itself unless -o wide), one row per object
/// carrying a PartialObjectMetadata (or the whole object, or nothing) so kubectl can show namespaces and labels.
/// </summary>
internal sealed class TableWriter(ResourceDefinition def, string mediaType, IncludeObject include, DateTimeOffset now)
{
    private readonly List<TableColumn> _columns = TableColumns.For(def);
    private readonly string _apiVersion = mediaType == MediaTypes.TableV1Beta1 ? "meta.k8s.io/v1beta1" : "meta.k8s.io/v1";

    public void Write(Utf8JsonWriter w, IEnumerable<StoredObject> rows, long resourceVersion, string? continueToken, long? remainingItemCount = null, bool withColumns = true)
    {
        w.WriteStartObject();
        w.WriteString("kind", "Table");
        w.WriteString("apiVersion", _apiVersion);
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(continueToken))
        {
            w.WriteString("continue", continueToken);
        }

        if (remainingItemCount is { } remaining)
        {
            w.WriteNumber("remainingItemCount", remaining);
        }

        w.WriteEndObject();
        w.WriteStartArray("columnDefinitions");
        if (withColumns)
        {
            _columns.ForEach(c => WriteColumn(w, c.Definition));
        }

        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var row in rows)
        {
            WriteRow(w, row);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteColumn(Utf8JsonWriter w, PrinterColumn c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteString("type", c.Type);
        w.WriteString("format", c.Format);
        w.WriteString("description", c.Description);
        w.WriteNumber("priority", c.Priority);
        w.WriteEndObject();
    }

    private void WriteRow(Utf8JsonWriter w, StoredObject o)
    {
        w.WriteStartObject();
        w.WriteStartArray("cells");
        foreach (var c in _columns)
        {
            c.Cell(o, now).WriteTo(w);
        }

        w.WriteEndArray();
        if (include == IncludeObject.Object)
        {
            w.WritePropertyName("object");
            w.WriteRawValue(o.Json, skipInputValidation: true);
        }
        else if (include == IncludeObject.Metadata)
        {
            w.WriteStartObject("object");
            w.WriteString("kind", "PartialObjectMetadata");
            w.WriteString("apiVersion", "meta.k8s.io/v1");
            w.WritePropertyName("metadata");
            o.Metadata.WriteTo(w);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}

/// <summary>What a Table row carries in <c>object</c> (query parameter includeObject; Metadata by default).</summary>
internal enum IncludeObject
{
    None,
    Metadata,
    Object,
}
