using System.Text;

namespace Childctl.Cli.Output;

/// <summary>
/// kubectl-style borderless tables: upper-case headers, columns padded to the widest cell and separated
/// by three spaces, no trailing spaces. Cells are single-line (newlines become spaces) so the output stays
/// greppable and awk-able; wide cells are never truncated.
/// </summary>
internal sealed class TableWriter
{
    private const string Gap = "   ";
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TableWriter(params string[] headers)
    {
        _headers = headers;
    }

    public int RowCount => _rows.Count;

    public void AddRow(params string?[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"expected {_headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells.Select(Clean).ToArray());
    }

    public string Render()
    {
        var widths = _headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        AppendLine(text, _headers, widths);
        foreach (var row in _rows)
        {
            AppendLine(text, row, widths);
        }

        return text.ToString();
    }

    public Task WriteAsync(TextWriter writer) => writer.WriteAsync(Render());

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(Gap);
            }

            line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
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
