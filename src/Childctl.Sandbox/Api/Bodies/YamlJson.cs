using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Childctl.Sandbox.Api.Bodies;

/// <summary>
/// Reads YAML into JSON nodes the way Kubernetes does (sigs.k8s.io/yaml): plain scalars resolve to null, booleans
/// and numbers by the YAML 1.2 core schema; quoted scalars stay strings. Uses YamlDotNet's representation model,
/// which needs no reflection (NativeAOT-safe).
/// </summary>
internal static class YamlJson
{
    /// <summary>Every document of a stream (empty documents skipped).</summary>
    public static List<JsonNode> ReadAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => Convert(d.RootNode)).OfType<JsonNode>().ToList();
    }

    /// <summary>Exactly one document; throws <see cref="YamlException"/> or <see cref="FormatException"/> otherwise.</summary>
    public static JsonNode? ReadOne(string yaml)
    {
        var all = ReadAll(yaml);
        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => throw new FormatException("expected a single YAML document"),
        };
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMap(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => null,
    };

    private static JsonObject ConvertMap(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode s ? s.Value ?? "" : throw new FormatException("mapping keys must be scalars");
            obj[name] = Convert(value);
        }

        return obj;
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ => Number(text) ?? JsonValue.Create(text),
        };
    }

    private static JsonValue? Number(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        var looksNumeric = text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') && !text.Contains(':', StringComparison.Ordinal);
        if (looksNumeric && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        return null;
    }
}
