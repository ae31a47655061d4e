using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Bodies;

namespace Childctl.Sandbox.Api.Definitions;

/// <summary>Reads the YAML files compiled into the assembly (our built-in CRDs and core schemas).</summary>
internal static class EmbeddedYaml
{
    public static JsonNode Read(string fileName)
    {
        using var stream = typeof(EmbeddedYaml).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"embedded resource {fileName} is missing");
        using var reader = new StreamReader(stream);
        return YamlJson.ReadOne(reader.ReadToEnd()) ?? throw new InvalidOperationException($"embedded resource {fileName} is empty");
    }
}
