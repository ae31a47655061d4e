using System.Text;
using Childctl.Core.ClusterDeployments;

namespace Childctl.Cli.Output;

/// <summary>How table cells show missing and boolean values, the same in every table.</summary>
internal static class Cells
{
    public const string None = "<none>";

    public static string OrNone(string? value) => string.IsNullOrEmpty(value) ? None : value;

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A uid as tables show it: its first 8 characters, which are enough to tell incarnations apart.</summary>
    public static string ShortUid(string? uid) => uid is null ? "-" : uid.Length > 8 ? uid[..8] : uid;

    public static string Join(IEnumerable<string> values)
    {
        var text = string.Join(",", values);
        return text.Length == 0 ? None : text;
    }
}

/// <summary>
/// What a coloured table cell means; <see cref="Ansi"/> picks the colour. Kept to a handful so that colour stays a
/// hint on top of the text, which always says the same thing on its own.
/// </summary>
internal enum CellStyle
{
    Plain,

    /// <summary>Healthy or done (green).</summary>
    Good,

    /// <summary>Failed or gone wrong (red).</summary>
    Bad,

    /// <summary>On its way, or needs a look (yellow).</summary>
    Warning,

    /// <summary>Going away; less important (dim).</summary>
    Muted,

    /// <summary>Deliberately not real, such as a dry run (cyan).</summary>
    Notice,
}

/// <summary>Which cells carry colour, and which: one place, so every table says "Failed" in the same red.</summary>
internal static class CellStyles
{
    public static CellStyle Phase(string phase) => phase switch
    {
        nameof(ClusterPhase.Ready) => CellStyle.Good,
        nameof(ClusterPhase.Failed) => CellStyle.Bad,
        nameof(ClusterPhase.Provisioning) => CellStyle.Warning,
        nameof(ClusterPhase.Deleting) => CellStyle.Muted,
        nameof(ClusterPhase.DryRun) => CellStyle.Notice,
        _ => CellStyle.Plain,
    };

    /// <summary>A VALID or READY cell: only "false" (with or without its reason) stands out.</summary>
    public static CellStyle FalseIsBad(string cell) =>
        cell == "false" || cell.StartsWith("false:", StringComparison.Ordinal) ? CellStyle.Bad : CellStyle.Plain;

    /// <summary>A condition STATUS: False stands out in red, Unknown (still in progress) in yellow, True stays plain.</summary>
    public static CellStyle ConditionStatus(string cell) => cell switch
    {
        "False" => CellStyle.Bad,
        "Unknown" => CellStyle.Warning,
        _ => CellStyle.Plain,
    };

    /// <summary>A history RESULT: a failed operation stands out; success is the normal case and stays plain.</summary>
    public static CellStyle Result(string cell) => cell == "failed" ? CellStyle.Bad : CellStyle.Plain;
}

/// <summary>
/// The ANSI SGR sequences tables colour cells with: the basic 8 colours and dim, which every terminal childctl
/// runs in understands and which follow the terminal's own theme. Written by hand rather than through Spectre.Console
/// (see docs/commands.md, "Colour").
/// </summary>
internal static class Ansi
{
    private const string Reset = "\e[0m";

    public static string Paint(string text, CellStyle style) => style switch
    {
        CellStyle.Good => "\e[32m" + text + Reset,
        CellStyle.Bad => "\e[31m" + text + Reset,
        CellStyle.Warning => "\e[33m" + text + Reset,
        CellStyle.Muted => "\e[2m" + text + Reset,
        CellStyle.Notice => "\e[36m" + text + Reset,
        _ => text,
    };
}

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
