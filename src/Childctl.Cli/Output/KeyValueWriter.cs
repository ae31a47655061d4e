using System.Text;
using System.Text.Json;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// Renders one record of named fields in every <c>-o</c> format: aligned <c>KEY  value</c> lines for table and
/// wide, an object for json and yaml (<c>version</c>, <c>sandbox status</c>, <c>upgrade --list</c>). Null values are
/// left out. Values are strings, numbers, booleans or lists of strings.
/// </summary>
internal static class KeyValueWriter
{
    public static string Render(IReadOnlyList<KeyValuePair<string, object?>> fields, OutputFormat format)
    {
        var present = fields.Where(f => f.Value is not null).ToList();
        return format switch
        {
            OutputFormat.Json => Json(present),
            OutputFormat.Yaml => Yaml(present),
            _ => Table(present),
        };
    }

    private static string Table(List<KeyValuePair<string, object?>> fields)
    {
        var width = fields.Max(f => Heading(f.Key).Length) + 2;
        var text = new StringBuilder();
        foreach (var (key, value) in fields)
        {
            text.Append(Heading(key).PadRight(width)).Append(Plain(value)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Json(List<KeyValuePair<string, object?>> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in fields)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Strings by the one YAML scalar rule (<see cref="YamlText"/>), lists as flow sequences.</summary>
    private static string Yaml(List<KeyValuePair<string, object?>> fields) =>
        string.Join('\n', fields.Select(f => $"{f.Key}: {YamlValue(f.Value)}"));

    private static string YamlValue(object? value) => value switch
    {
        IEnumerable<string> list => "[" + string.Join(", ", list.Select(YamlText.Scalar)) + "]",
        string text => YamlText.Scalar(text),
        _ => Plain(value),
    };

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case IEnumerable<string> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Plain(value));
                break;
        }
    }

    private static string Plain(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        IEnumerable<string> list => string.Join(", ", list),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    private static string Heading(string key) => key.ToUpperInvariant();
}
