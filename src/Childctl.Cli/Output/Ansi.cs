namespace Childctl.Cli.Output;

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
