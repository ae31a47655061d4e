namespace Childctl.Cli.Output;

/// <summary>The <c>-o</c> formats. Every command renders one result in all of them.</summary>
public enum OutputFormat
{
    Table,
    Wide,
    Json,
    Yaml,
    Name,
}
