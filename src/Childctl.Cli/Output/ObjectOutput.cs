using System.Text;
using System.Text.Json;
using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Cli.Output;

/// <summary>
/// The machine-readable outputs shared by every live view: <c>-o json|yaml</c> print the Kubernetes objects
/// themselves (a <c>List</c> for a list command), <c>-o name</c> prints <c>kind.group/name</c> per line.
/// </summary>
internal static class ObjectOutput
{
    public static bool Handles(OutputFormat format) => format is OutputFormat.Json or OutputFormat.Yaml or OutputFormat.Name;

    public static Task WriteListAsync(TextWriter output, OutputFormat format, ResourceKind kind, IReadOnlyList<JsonElement> items) =>
        output.WriteAsync(format switch
        {
            OutputFormat.Json => JsonOutput.List(items),
            OutputFormat.Yaml => YamlList(items),
            _ => Names(kind, items),
        });

    public static Task WriteOneAsync(TextWriter output, OutputFormat format, ResourceKind kind, JsonElement item) =>
        output.WriteAsync(format switch
        {
            OutputFormat.Json => JsonOutput.Object(item),
            OutputFormat.Yaml => YamlObject(item),
            _ => Names(kind, [item]),
        });

    private static string YamlList(IReadOnlyList<JsonElement> items)
    {
        var text = new StringBuilder(items.Count * 2048 + 64);
        new YamlWriter(text).WriteList(items);
        return text.ToString();
    }

    private static string YamlObject(JsonElement item)
    {
        var text = new StringBuilder(4096);
        new YamlWriter(text).WriteObject(item);
        return text.ToString();
    }

    private static string Names(ResourceKind kind, IEnumerable<JsonElement> items)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            var name = item.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
                && m.TryGetProperty("name", out var n) ? n.GetString() : null;
            text.Append(kind.NamePrefix).Append('/').Append(name).Append('\n');
        }

        return text.ToString();
    }
}
