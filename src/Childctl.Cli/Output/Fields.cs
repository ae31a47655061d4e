using System.Text;

namespace Childctl.Cli.Output;

/// <summary>An aligned <c>Label:   value</c> block, as in kubectl describe.</summary>
internal sealed class Fields
{
    private readonly List<(string Label, string Value)> _fields = [];

    public Fields Add(string label, string? value)
    {
        _fields.Add((label, string.IsNullOrEmpty(value) ? Cells.None : value));
        return this;
    }

    public void AppendTo(StringBuilder text)
    {
        var width = _fields.Max(f => f.Label.Length) + 2;
        foreach (var (label, value) in _fields)
        {
            text.Append((label + ":").PadRight(width + 1)).Append(value).Append('\n');
        }
    }
}
