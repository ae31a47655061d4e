using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Childctl.Core.Tests.ClusterDeployments;

/// <summary>Loads the shared k0rdent example objects (read in place) as JSON, the way the API would serve them.</summary>
internal static class ExampleObjects
{
    public static JsonObject Load(string fileName)
    {
        using var reader = new StreamReader(Path.Combine(RepoPaths.SharedExamples, fileName));
        var stream = new YamlStream();
        stream.Load(reader);
        return (JsonObject)ToJson(stream.Documents[0].RootNode)!;
    }

    public static ClusterDeployment Cluster(string fileName, Action<JsonObject>? change = null)
    {
        var obj = Load(fileName);
        change?.Invoke(obj);
        return ClusterDeploymentReader.Read(JsonDocument.Parse(obj.ToJsonString()).RootElement);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" or "" => null,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ => JsonValue.Create(text),
        };
    }
}
