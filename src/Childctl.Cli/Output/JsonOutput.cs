using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Childctl.Cli.Output;

/// <summary>
/// Writes objects as kubectl's <c>-o json</c> does: 4-space indent, a <c>List</c> for many, the server's fields in
/// the server's order, <c>metadata.managedFields</c> left out. Built in one buffer and written in one go.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static string Object(JsonElement obj) => Build(w => WriteObject(w, obj));

    /// <summary>One object on one line (managedFields left out), for streams of objects: a watch's JSON lines.</summary>
    public static string Line(JsonElement obj)
    {
        var buffer = new ArrayBufferWriter<byte>(8 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, Options with { Indented = false }))
        {
            WriteObject(writer, obj);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    public static string List(IEnumerable<JsonElement> items) => Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("apiVersion", "v1");
        w.WriteStartArray("items");
        foreach (var item in items)
        {
            WriteObject(w, item);
        }

        w.WriteEndArray();
        w.WriteString("kind", "List");
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", string.Empty);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static string Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Writes one object as <c>-o json</c> shows objects (managedFields left out), into another document.</summary>
    public static void WriteObject(Utf8JsonWriter writer, JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            obj.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals("metadata") && property.Value.ValueKind == JsonValueKind.Object)
            {
                writer.WriteStartObject("metadata");
                foreach (var meta in property.Value.EnumerateObject())
                {
                    if (!meta.NameEquals("managedFields"))
                    {
                        meta.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
