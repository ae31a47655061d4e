namespace Childctl.Cli.Output;

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
