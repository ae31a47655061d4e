namespace Childctl.Cli.Output;

/// <summary>How table cells show missing and boolean values, the same in every table.</summary>
internal static class Cells
{
    public const string None = "<none>";

    public static string OrNone(string? value) => string.IsNullOrEmpty(value) ? None : value;

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Join(IEnumerable<string> values)
    {
        var text = string.Join(",", values);
        return text.Length == 0 ? None : text;
    }
}
