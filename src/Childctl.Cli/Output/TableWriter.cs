using System.Buffers;
using System.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// kubectl-style borderless tables: upper-case headers, columns padded to the widest cell and separated
/// by three spaces, no trailing spaces. Cells are single-line (newlines become spaces) so the output stays
/// greppable and awk-able. On a terminal narrower than the table (<see cref="TableLayout.Width"/>), MESSAGE columns
/// are cut with … to fit (never below 20 characters; names, ids and short columns stay whole, so a row may still wrap);
/// when stdout is not a terminal nothing is ever cut. Columns may carry a style (<see cref="StyleColumn"/>),
/// painted only when rendering for a terminal and only around the cell's text, after the padding is worked out from
/// the plain text, so a coloured table lines up exactly as the plain one does.
/// </summary>
internal sealed class TableWriter
{
    private const string Gap = "   ";
    private const int MinimumCutWidth = 20;
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\n\r\t");
    private readonly string[] _headers;
    private readonly Func<IReadOnlyList<string>, CellStyle>?[] _styles;
    private readonly List<string[]> _rows = [];

    public TableWriter(params string[] headers)
    {
        _headers = headers;
        _styles = new Func<IReadOnlyList<string>, CellStyle>?[headers.Length];
    }

    public int RowCount => _rows.Count;

    /// <summary>The index of a column by its header.</summary>
    public int ColumnOf(string header) =>
        Array.IndexOf(_headers, header) is var i and >= 0 ? i : throw new ArgumentException($"no column {header}", nameof(header));

    /// <summary>Colours the cells of one column, chosen per row from the row's (single-line) cells; headers stay plain.</summary>
    public void StyleColumn(string header, Func<IReadOnlyList<string>, CellStyle> style) => _styles[ColumnOf(header)] = style;

    /// <summary>Adds a row; the table keeps <paramref name="cells"/> (each call passes an array of its own), made single-line in place.</summary>
    public void AddRow(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"expected {_headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = Clean(cells[i]);
        }

        _rows.Add(cells!);
    }

    /// <param name="color">Paint styled columns with ANSI colours (only for a terminal; see Invocation.UseColor).</param>
    public string Render(bool color = false) => Render(new TableLayout(color));

    public string Render(TableLayout layout)
    {
        var text = new StringBuilder();
        RenderTo(text, layout);
        return text.ToString();
    }

    /// <summary>Appends the rendered table to <paramref name="text"/> (a view of several parts builds one text, not a string per part).</summary>
    public void RenderTo(StringBuilder text, TableLayout layout)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (layout.ExtraColumns.Count > 0)
        {
            Extended(layout).RenderTo(text, layout with { ExtraColumns = [] });
            return;
        }

        var (widths, size) = NaturalWidths();
        var cut = layout.Width is { } width && Fit(widths, width);
        text.EnsureCapacity(text.Length + size + ((_rows.Count + 1) * Gap.Length * widths.Length * 2));
        if (!layout.NoHeaders)
        {
            AppendLine(text, _headers, widths, styles: null);
        }

        foreach (var row in _rows)
        {
            AppendLine(text, cut ? Cut(row, widths) : row, widths, layout.Color ? _styles : null);
        }
    }

    /// <summary>
    /// The widths the columns have before any cut (header, rows, <see cref="Floor"/>), with the layout's extra columns: what a
    /// later table passes as its <see cref="Floor"/> to line up under this one.
    /// </summary>
    public int[] Widths(TableLayout layout) => layout.ExtraColumns.Count > 0 ? Extended(layout).Widths(layout with { ExtraColumns = [] }) : NaturalWidths().Widths;

    /// <summary>
    /// Widths the columns take at least, by index (the table's own columns, then the layout's extra ones): a table of rows
    /// printed after an earlier one (<c>list -w</c>) lines up under it, as long as its cells fit.
    /// </summary>
    public IReadOnlyList<int>? Floor { get; init; }

    private (int[] Widths, int Size) NaturalWidths()
    {
        var widths = new int[_headers.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            widths[i] = Math.Max(_headers[i].Length, Floor is { } floor && i < floor.Count ? floor[i] : 0);
        }

        var size = 0;
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
                size += row[i].Length;
            }
        }

        return (widths, size);
    }

    /// <summary>This table with <see cref="TableLayout.ExtraColumns"/> after its own; styles stay with their columns.</summary>
    private TableWriter Extended(TableLayout layout)
    {
        var extended = new TableWriter([.. _headers, .. layout.ExtraColumns.Select(c => c.Header)]) { Floor = Floor };
        Array.Copy(_styles, extended._styles, _styles.Length);
        for (var r = 0; r < _rows.Count; r++)
        {
            extended._rows.Add([.. _rows[r], .. layout.ExtraColumns.Select(c => r < c.Cells.Count ? Clean(c.Cells[r]) : string.Empty)]);
        }

        return extended;
    }

    /// <summary>Narrows the MESSAGE columns, widest first, until the table fits <paramref name="width"/>; true if any was narrowed.</summary>
    private bool Fit(int[] widths, int width)
    {
        var excess = widths.Sum() + (Gap.Length * (widths.Length - 1)) - width;
        var cut = false;
        while (excess > 0)
        {
            var widest = -1;
            for (var i = 0; i < widths.Length; i++)
            {
                if (_headers[i].Contains("MESSAGE", StringComparison.Ordinal) && widths[i] > Math.Max(MinimumCutWidth, _headers[i].Length)
                    && (widest < 0 || widths[i] > widths[widest]))
                {
                    widest = i;
                }
            }

            if (widest < 0)
            {
                break;
            }

            widths[widest]--;
            excess--;
            cut = true;
        }

        return cut;
    }

    private static string[] Cut(string[] row, int[] widths)
    {
        string[]? copy = null;
        for (var i = 0; i < row.Length; i++)
        {
            if (row[i].Length > widths[i])
            {
                copy ??= (string[])row.Clone();
                copy[i] = string.Concat(row[i].AsSpan(0, widths[i] - 1), "…");
            }
        }

        return copy ?? row;
    }

    public Task WriteAsync(TextWriter writer) => writer.WriteAsync(Render());

    /// <summary>Pads every cell but the last to its column's width; trailing spaces are never written, nor coloured.</summary>
    private static void AppendLine(StringBuilder text, string[] cells, int[] widths, Func<IReadOnlyList<string>, CellStyle>?[]? styles)
    {
        var pending = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                pending += Gap.Length;
            }

            if (cells[i].Length > 0)
            {
                var style = styles?[i]?.Invoke(cells) ?? CellStyle.Plain;
                text.Append(' ', pending).Append(Ansi.Paint(cells[i], style));
                pending = 0;
            }

            pending += i == cells.Length - 1 ? 0 : widths[i] - cells[i].Length;
        }

        text.Append('\n');
    }

    private static string Clean(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return string.Empty;
        }

        return cell.AsSpan().ContainsAny(LineBreaks)
            ? string.Join(' ', cell.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()))
            : cell;
    }
}

/// <summary>
/// How a table is rendered: colour (a terminal, no NO_COLOR), the terminal's width to cut MESSAGE columns to (null when
/// stdout is not a terminal: never cut), and whether the header line is left out (<c>--no-headers</c>).
/// </summary>
internal readonly record struct TableLayout(bool Color, int? Width = null, bool NoHeaders = false)
{
    /// <summary>Columns a command adds after the view's own (<c>-L</c>, <c>--show-labels</c>), one cell per row in the rows' order.</summary>
    public IReadOnlyList<(string Header, IReadOnlyList<string> Cells)> ExtraColumns { get; init; } = [];
}
