using System.Text;
using System.Text.Json;
using Childctl.Core.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// Writes JSON trees as YAML block style without reflection (NativeAOT-clean), the way kubectl prints objects:
/// sequences under a key are not indented, multi-line and ambiguous strings are double-quoted with escapes,
/// <c>metadata.managedFields</c> of top-level objects is left out.
/// </summary>
internal sealed class YamlWriter
{
    private readonly StringBuilder _text;

    public YamlWriter(StringBuilder text)
    {
        _text = text;
    }

    /// <summary>One object as <c>-o yaml</c> prints it.</summary>
    public static string Object(JsonElement obj)
    {
        var text = new StringBuilder(4096);
        new YamlWriter(text).WriteObject(obj);
        return text.ToString();
    }

    /// <summary>Objects as <c>-o yaml</c> prints a list: a kubectl-style <c>List</c>.</summary>
    public static string List(IReadOnlyList<JsonElement> items)
    {
        var text = new StringBuilder((items.Count * 2048) + 64);
        new YamlWriter(text).WriteList(items);
        return text.ToString();
    }

    /// <summary>One Kubernetes object as a YAML document body.</summary>
    public void WriteObject(JsonElement obj, int indent = 0, bool inlineFirst = false) =>
        WriteMapping(obj, indent, inlineFirst, hideManagedFields: true);

    /// <summary>A kubectl-style <c>List</c> of objects.</summary>
    public void WriteList(IEnumerable<JsonElement> items)
    {
        _text.Append("apiVersion: v1\nitems:");
        var any = false;
        foreach (var item in items)
        {
            _text.Append(any ? "- " : "\n- ");
            any = true;
            WriteObject(item, 2, inlineFirst: true);
        }

        _text.Append(any ? "kind: List\n" : " []\nkind: List\n");
        _text.Append("metadata:\n  resourceVersion: \"\"\n");
    }

    private void WriteMapping(JsonElement obj, int indent, bool inlineFirst, bool hideManagedFields = false)
    {
        if (obj.ValueKind != JsonValueKind.Object || !HasProperties(obj))
        {
            _text.Append(obj.ValueKind == JsonValueKind.Object ? "{}\n" : Scalar(obj) + "\n");
            return;
        }

        var first = true;
        foreach (var property in obj.EnumerateObject())
        {
            if (!(first && inlineFirst))
            {
                _text.Append(' ', indent);
            }

            first = false;
            _text.Append(YamlText.Scalar(property.Name)).Append(':');
            if (hideManagedFields && property.NameEquals("metadata") && property.Value.ValueKind == JsonValueKind.Object)
            {
                WriteMetadata(property.Value, indent + 2);
                continue;
            }

            WriteValue(property.Value, indent);
        }
    }

    private void WriteMetadata(JsonElement metadata, int indent)
    {
        var shown = metadata.EnumerateObject().Where(p => !p.NameEquals("managedFields")).ToList();
        if (shown.Count == 0)
        {
            _text.Append(" {}\n");
            return;
        }

        _text.Append('\n');
        foreach (var property in shown)
        {
            _text.Append(' ', indent).Append(YamlText.Scalar(property.Name)).Append(':');
            WriteValue(property.Value, indent);
        }
    }

    /// <summary>Writes what follows <c>key:</c> for a key at <paramref name="indent"/>.</summary>
    private void WriteValue(JsonElement value, int indent)
    {
        if (value.ValueKind == JsonValueKind.Object && HasProperties(value))
        {
            _text.Append('\n');
            WriteMapping(value, indent + 2, inlineFirst: false);
        }
        else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            _text.Append('\n');
            WriteSequence(value, indent);
        }
        else
        {
            _text.Append(' ').Append(Scalar(value)).Append('\n');
        }
    }

    private void WriteSequence(JsonElement array, int indent)
    {
        foreach (var item in array.EnumerateArray())
        {
            _text.Append(' ', indent).Append('-');
            if (item.ValueKind == JsonValueKind.Object && HasProperties(item))
            {
                _text.Append(' ');
                WriteMapping(item, indent + 2, inlineFirst: true);
            }
            else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() > 0)
            {
                _text.Append('\n');
                WriteSequence(item, indent + 2);
            }
            else
            {
                _text.Append(' ').Append(Scalar(item)).Append('\n');
            }
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => YamlText.Scalar(value.GetString()!),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        _ => "null",
    };

    private static bool HasProperties(JsonElement obj)
    {
        using var e = obj.EnumerateObject();
        return e.MoveNext();
    }
}
