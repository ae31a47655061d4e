using System.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// kubectl-style borderless tables: upper-case headers, columns padded to the widest cell and separated
/// by three spaces, no trailing spaces. Cells are single-line (newlines become spaces) so the output stays
/// greppable and awk-able; wide cells are never truncated. Columns may carry a style (<see cref="StyleColumn"/>),
/// painted only when rendering for a terminal and only around the cell's text, after the padding is worked out from
/// the plain text, so a coloured table lines up exactly as the plain one does.
/// </summary>
internal sealed class TableWriter
{
    private const string Gap = "   ";
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

    public void AddRow(params string?[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"expected {_headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        var row = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            row[i] = Clean(cells[i]);
        }

        _rows.Add(row);
    }

    /// <param name="color">Paint styled columns with ANSI colours (only for a terminal; see Invocation.UseColor).</param>
    public string Render(bool color = false)
    {
        var widths = new int[_headers.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            widths[i] = _headers[i].Length;
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

        var text = new StringBuilder(size + ((_rows.Count + 1) * Gap.Length * widths.Length * 2));
        AppendLine(text, _headers, widths, styles: null);
        foreach (var row in _rows)
        {
            AppendLine(text, row, widths, color ? _styles : null);
        }

        return text.ToString();
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

        return cell.Contains('\n', StringComparison.Ordinal) || cell.Contains('\r', StringComparison.Ordinal) || cell.Contains('\t', StringComparison.Ordinal)
            ? string.Join(' ', cell.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()))
            : cell;
    }
}
