using System.Text.Json;
using Childctl.Shared.JsonPath;

namespace Childctl.Cli.Output;

/// <summary>
/// <c>-o custom-columns=NAME:.metadata.name,PHASE:.childctl.phase</c> as kubectl reads it: comma-separated
/// <c>HEADER:PATH</c>, each path in the relaxed form (<c>.a.b</c>, <c>a.b</c> or <c>{.a.b}</c>). A cell joins several
/// results with commas and shows <c>&lt;none&gt;</c> for none. Rendered by <see cref="TableWriter"/>, so the columns
/// line up as every other childctl table (three spaces apart) and follow <c>--no-headers</c>.
/// </summary>
internal sealed class CustomColumns
{
    private readonly List<(string Header, JsonPathQuery Path)> _columns;

    private CustomColumns(List<(string, JsonPathQuery)> columns) => _columns = columns;

    /// <exception cref="FormatException">A column is not HEADER:PATH, or its path does not parse.</exception>
    public static CustomColumns Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var columns = new List<(string, JsonPathQuery)>();
        foreach (var column in spec.Split(',', StringSplitOptions.TrimEntries))
        {
            var colon = column.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == column.Length - 1)
            {
                throw new FormatException($"'{column}' is not HEADER:JSONPATH (e.g. NAME:.metadata.name)");
            }

            columns.Add((column[..colon], JsonPathTemplate.Relaxed(column[(colon + 1)..])));
        }

        return columns.Count > 0 ? new CustomColumns(columns) : throw new FormatException("no columns given (e.g. NAME:.metadata.name)");
    }

    public string Render(IEnumerable<JsonElement> items, TableLayout layout) => Table(items).Render(Plain(layout));

    /// <summary>The table of <paramref name="items"/>, its columns at least <paramref name="floor"/> wide; render it with <see cref="Plain"/>.</summary>
    public TableWriter Table(IEnumerable<JsonElement> items, IReadOnlyList<int>? floor = null)
    {
        var table = new TableWriter([.. _columns.Select(c => c.Header)]) { Floor = floor };
        foreach (var item in items)
        {
            table.AddRow([.. _columns.Select(c => Cell(c.Path.Evaluate(item)))]);
        }

        return table;
    }

    /// <summary>The layout custom columns render with: no colour, no label columns.</summary>
    public static TableLayout Plain(TableLayout layout) => layout with { Color = false, ExtraColumns = [] };

    private static string Cell(List<JsonElement> values)
    {
        var present = values.Where(v => v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)).Select(JsonPathQuery.Text).ToList();
        return present.Count == 0 ? Cells.None : string.Join(',', present);
    }
}
