using System.Text;
using System.Text.Json;

namespace Childctl.Cli.Output;

/// <summary>
/// The machine-readable outputs shared by every live view: <c>-o json|yaml</c> print the Kubernetes objects
/// themselves (a <c>List</c> for a list command), <c>-o name</c> prints <c>kind.group/name</c> per line.
/// </summary>
internal static class ObjectOutput
{
    public static bool Handles(OutputFormat format) => format is OutputFormat.Json or OutputFormat.Yaml or OutputFormat.Name;

    /// <summary>
    /// A list command's output: the objects for json, yaml and name, else the table <paramref name="table"/> renders (with
    /// colour or not); an empty list says so on stderr, as kubectl's "No resources found", so that stdout stays data.
    /// </summary>
    public static async Task WriteListAsync(Invocation inv, string namePrefix, string? scope, string what, IReadOnlyList<JsonElement> items, Func<bool, string> table)
    {
        if (items.Count == 0)
        {
            await inv.Err.WriteLineAsync(scope is null ? $"No {what} found in any namespace." : $"No {what} found in namespace {scope}.");
        }

        if (Handles(inv.Output))
        {
            await inv.Out.WriteAsync(inv.Output switch
            {
                OutputFormat.Json => JsonOutput.List(items),
                OutputFormat.Yaml => YamlWriter.List(items),
                _ => Names(namePrefix, items),
            });
        }
        else if (items.Count > 0)
        {
            await inv.Out.WriteAsync(table(inv.UseColor));
        }
    }

    /// <summary>One object as <c>-o json|yaml|name</c> prints it.</summary>
    public static string One(OutputFormat format, string namePrefix, JsonElement item) => format switch
    {
        OutputFormat.Json => JsonOutput.Object(item),
        OutputFormat.Yaml => YamlWriter.Object(item),
        _ => Names(namePrefix, [item]),
    };

    private static string Names(string namePrefix, IEnumerable<JsonElement> items)
    {
        var text = new StringBuilder();
        foreach (var item in items)
        {
            var name = item.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
                && m.TryGetProperty("name", out var n) ? n.GetString() : null;
            text.Append(namePrefix).Append('/').Append(name).Append('\n');
        }

        return text.ToString();
    }
}
