using System.Buffers;
using System.Text;
using System.Text.Json;
using Childctl.Core.ClusterDeployments;
using Childctl.Shared.JsonPath;

namespace Childctl.Cli.Output;

/// <summary>
/// The machine-readable outputs shared by every live view: <c>-o json|yaml</c> print the Kubernetes objects
/// themselves (a <c>List</c> for a list command), <c>-o name</c> prints <c>kind.group/name</c> per line, and
/// <c>-o jsonpath=…</c> and <c>-o custom-columns=…</c> read what <c>-o json</c> prints (the List for a list), so a
/// path that works on the JSON works in them. A ClusterDeployment carries what childctl derives in a top-level
/// <c>childctl</c> block (<see cref="WithDerived"/>).
/// </summary>
internal static class ObjectOutput
{
    /// <summary>
    /// A list command's output: the objects for the object formats, else the table <paramref name="table"/> renders; an
    /// empty list says so on stderr, as kubectl's "No resources found", so that stdout stays data.
    /// </summary>
    /// <param name="layout">The table's layout (<c>--no-headers</c>, label columns), else the invocation's.</param>
    public static async Task WriteListAsync(
        Invocation inv, string namePrefix, string? scope, string what, IReadOnlyList<JsonElement> items, Func<TableLayout, string> table, TableLayout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(inv);
        ArgumentNullException.ThrowIfNull(table);
        if (items.Count == 0)
        {
            await inv.Err.WriteLineAsync(scope is null ? $"No {what} found in any namespace." : $"No {what} found in namespace {scope}.");
        }

        if (OutputOption.IsObjects(inv.Output))
        {
            await inv.Out.WriteAsync(inv.Output switch
            {
                OutputFormat.Json => JsonOutput.List(items),
                OutputFormat.Yaml => YamlWriter.List(items),
                OutputFormat.JsonPath => new JsonPathTemplate(inv.OutputTemplate!).Render(Parse(JsonOutput.List(items))),
                OutputFormat.CustomColumns => items.Count == 0 ? string.Empty : CustomColumns.Parse(inv.OutputTemplate!).Render(items, layout ?? inv.Layout),
                _ => Names(namePrefix, items),
            });
        }
        else if (items.Count > 0)
        {
            await inv.Out.WriteAsync(table(layout ?? inv.Layout));
        }
    }

    /// <summary>The same, for a view that renders its table from a colour flag only.</summary>
    public static Task WriteListAsync(Invocation inv, string namePrefix, string? scope, string what, IReadOnlyList<JsonElement> items, Func<bool, string> table) =>
        WriteListAsync(inv, namePrefix, scope, what, items, (TableLayout layout) => table(layout.Color));

    /// <summary>One object as <c>-o json|yaml|name|jsonpath=|custom-columns=</c> prints it.</summary>
    public static string One(OutputFormat format, string namePrefix, JsonElement item, string? template = null, TableLayout layout = default) => format switch
    {
        OutputFormat.Json => JsonOutput.Object(item),
        OutputFormat.Yaml => YamlWriter.Object(item),
        OutputFormat.JsonPath => new JsonPathTemplate(template ?? "").Render(item),
        OutputFormat.CustomColumns => CustomColumns.Parse(template ?? "").Render([item], layout),
        _ => Names(namePrefix, [item]),
    };

    /// <summary>One object as the command's <c>-o</c> prints it.</summary>
    public static string One(Invocation inv, string namePrefix, JsonElement item)
    {
        ArgumentNullException.ThrowIfNull(inv);
        return One(inv.Output, namePrefix, item, inv.OutputTemplate, inv.Layout);
    }

    /// <summary>A List already built (its own top-level fields kept) as the command's <c>-o</c> prints it; name and custom-columns print its items.</summary>
    public static string List(Invocation inv, string namePrefix, JsonElement list)
    {
        ArgumentNullException.ThrowIfNull(inv);
        var items = list.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Array ? i.EnumerateArray().ToList() : [];
        return inv.Output switch
        {
            OutputFormat.Name => Names(namePrefix, items),
            OutputFormat.CustomColumns => items.Count == 0 ? string.Empty : CustomColumns.Parse(inv.OutputTemplate!).Render(items, inv.Layout),
            _ => One(inv, namePrefix, list),
        };
    }

    /// <summary>
    /// The object as served, followed by a top-level <c>childctl</c> block with what childctl derives and no field of the
    /// object holds: <c>phase</c>, <c>ready</c> (a Ready that can be trusted: PhaseRule's verdict), <c>reason</c>,
    /// <c>provider</c> and <c>region</c>. Outside <c>metadata</c>, <c>spec</c> and <c>status</c>, so it cannot be read as
    /// the object's own; <c>create -f</c> ignores it when the output is fed back.
    /// </summary>
    public static JsonElement WithDerived(ClusterOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (overview.Cluster.Raw.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in overview.Cluster.Raw.EnumerateObject())
                {
                    if (!property.NameEquals(DerivedBlock))
                    {
                        property.WriteTo(writer);
                    }
                }
            }

            writer.WriteStartObject(DerivedBlock);
            writer.WriteString("phase", overview.Verdict.Phase.ToString());
            writer.WriteBoolean("ready", overview.Verdict.IsReady);
            writer.WriteString("reason", overview.Verdict.Reason);
            WriteOptional(writer, "provider", overview.Provider);
            WriteOptional(writer, "region", overview.Region);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }

    /// <summary>The name of the block <see cref="WithDerived"/> adds.</summary>
    public const string DerivedBlock = "childctl";

    /// <summary>
    /// Items in the order of <c>--sort-by PATH</c> (relaxed JSONPath, on what <c>-o json</c> prints of each item): numbers
    /// by value, everything else as text, items without the field first; stable, so equal keys keep the server's order.
    /// </summary>
    public static IReadOnlyList<T> Sorted<T>(IReadOnlyList<T> items, Func<T, JsonElement> json, string? sortBy)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(json);
        if (string.IsNullOrWhiteSpace(sortBy))
        {
            return items;
        }

        var path = JsonPathTemplate.Relaxed(sortBy);
        return items.Select(item => (Item: item, Key: path.Evaluate(json(item)).FirstOrDefault()))
            .OrderBy(x => x.Key, SortKeyComparer.Instance)
            .Select(x => x.Item)
            .ToList();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

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

    private sealed class SortKeyComparer : IComparer<JsonElement>
    {
        public static readonly SortKeyComparer Instance = new();

        public int Compare(JsonElement x, JsonElement y)
        {
            var (xMissing, yMissing) = (x.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null, y.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null);
            if (xMissing || yMissing)
            {
                return xMissing.CompareTo(yMissing) * -1;
            }

            return x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number
                ? x.GetDouble().CompareTo(y.GetDouble())
                : string.CompareOrdinal(JsonPathQuery.Text(x), JsonPathQuery.Text(y));
        }
    }
}
