using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// Reads the objects of a <c>create -f</c> file (or the one of a values file), YAML or JSON, into JSON. Plain YAML scalars are typed
/// the way Kubernetes (YAML 1.2 core schema) types them: null, true/false, integers, floats; quoted
/// scalars stay strings. Works without reflection (YamlDotNet's representation model), so NativeAOT-safe.
/// </summary>
public static class ManifestReader
{
    public static JsonObject Read(string text, string source)
    {
        var documents = Documents(text, source);
        return documents.Count switch
        {
            0 => throw Invalid(source, "it is empty"),
            1 => documents[0] as JsonObject ?? throw Invalid(source, "its document is not a mapping"),
            _ => throw Invalid(source, $"it holds {documents.Count} documents; give one per file"),
        };
    }

    /// <summary>
    /// Every object of a <c>create -f</c> file, as kubectl reads one: YAML documents separated by <c>---</c> (empty ones
    /// skipped), or JSON, and the items of a <c>kind: List</c> in place of the List. Each comes with where it was found
    /// (<c>FILE</c> for a file of one object, else <c>FILE (document 2)</c>, <c>FILE (document 1, item 3)</c>).
    /// </summary>
    public static IReadOnlyList<(JsonObject Manifest, string Source)> ReadAll(string text, string source)
    {
        var documents = Documents(text, source);
        var found = new List<(JsonObject, string)>();
        for (var d = 0; d < documents.Count; d++)
        {
            var where = documents.Count == 1 ? source : $"{source} (document {d + 1})";
            var document = documents[d] as JsonObject ?? throw Invalid(where, "the document is not a mapping");
            if (document["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k == "List")
            {
                var items = document["items"] as JsonArray ?? throw Invalid(where, "a List needs items");
                for (var i = 0; i < items.Count; i++)
                {
                    var item = where == source ? $"{source} (item {i + 1})" : $"{source} (document {d + 1}, item {i + 1})";
                    found.Add(((items[i] as JsonObject ?? throw Invalid(item, "the item is not an object")).DeepClone().AsObject(), item));
                }
            }
            else
            {
                found.Add((document, where));
            }
        }

        return found.Count > 0 ? found : throw Invalid(source, "it is empty");
    }

    private static List<JsonNode?> Documents(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                return [JsonNode.Parse(text) as JsonObject ?? throw Invalid(source, "it is not a JSON object")];
            }
            catch (JsonException e)
            {
                throw Invalid(source, $"it is not valid JSON: {e.Message}");
            }
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Invalid(source, $"it is not valid YAML (line {e.Start.Line}): {e.Message}");
        }

        return stream.Documents.Where(d => d.RootNode is not YamlScalarNode { Value: null or "" }).Select(d => ToJson(d.RootNode)).ToList();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => ToObject(map),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ToValue(scalar),
        _ => null,
    };

    private static JsonObject ToObject(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            result[((YamlScalarNode)key).Value ?? string.Empty] = ToJson(value);
        }

        return result;
    }

    private static JsonValue? ToValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ when LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }

    private static bool LooksLikeFloat(string text) =>
        text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.') && text.Any(char.IsAsciiDigit)
        && text.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+');

    private static ChildctlException Invalid(string source, string why) =>
        ChildctlException.InvalidInput($"cannot read {source}: {why}");
}
