using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;
using Childctl.Core.ClusterDeployments;
using Childctl.Shared.JsonPath;

namespace Childctl.Cli.Output;

/// <summary>The <c>-o</c> formats. A command renders one result in each of the formats it prints.</summary>
public enum OutputFormat
{
    Table,
    Wide,
    Json,
    Yaml,
    Name,

    /// <summary><c>-o jsonpath=TEMPLATE</c>, kubectl's template over what <c>-o json</c> prints.</summary>
    JsonPath,

    /// <summary><c>-o custom-columns=HEADER:PATH,…</c>, kubectl's table of JSONPath columns over what <c>-o json</c> prints.</summary>
    CustomColumns,
}

/// <summary>
/// The <c>-o</c> option, which each command adds where it is built, naming the formats it prints; help shows <c>-o</c>
/// only on those commands. A format a command does not print is bad usage (exit 2) instead of being ignored, so a script
/// asking for <c>-o json</c> never parses a table by mistake. Commands that print only a table get a hidden <c>-o</c>
/// that takes <c>table</c> and refuses the rest the same way.
/// </summary>
internal static class OutputOption
{
    private const string Name = "--output";
    private static readonly OutputFormat[] Every = Enum.GetValues<OutputFormat>();

    /// <summary>What a command that prints Kubernetes objects offers: json, yaml, name, jsonpath= and custom-columns=.</summary>
    public static readonly OutputFormat[] Objects = [OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Name, OutputFormat.JsonPath, OutputFormat.CustomColumns];

    /// <summary>Whether <paramref name="format"/> is one of <see cref="Objects"/>: the objects themselves, as <see cref="ObjectOutput"/> prints them.</summary>
    public static bool IsObjects(OutputFormat format) =>
        format is OutputFormat.Json or OutputFormat.Yaml or OutputFormat.Name or OutputFormat.JsonPath or OutputFormat.CustomColumns;

    /// <summary>Adds <c>-o</c> printing <paramref name="formats"/> (table is always one of them) to <paramref name="command"/>.</summary>
    public static Command Prints(this Command command, params OutputFormat[] formats)
    {
        ArgumentNullException.ThrowIfNull(command);
        OutputFormat[] accepted = [OutputFormat.Table, .. formats.Where(f => f != OutputFormat.Table)];
        var names = accepted.Select(Completion).ToArray();
        var option = new Option<OutputFormat>(Name, "-o")
        {
            // No DefaultValueFactory: help would print the enum's name ("Table"); Table is the enum's default value.
            Description = $"Output format: {string.Join(", ", names.Take(names.Length - 1))} or {names[^1]} (default table)",
            HelpName = string.Join('|', names),
            CustomParser = result => Parse(result, accepted),
        };
        option.CompletionSources.Clear();
        option.CompletionSources.Add(accepted.Select(Completion).ToArray());
        command.Options.Add(option);
        return command;
    }

    /// <summary>Gives every command in the tree that has no <c>-o</c> of its own the hidden table-only one.</summary>
    public static void TableOnlyWhereUndeclared(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var command in root.Subcommands)
        {
            if (!command.Options.Any(o => o.Name == Name))
            {
                command.Options.Add(new Option<OutputFormat>(Name, "-o") { Hidden = true, CustomParser = result => Parse(result, [OutputFormat.Table]) });
            }

            TableOnlyWhereUndeclared(command);
        }
    }

    /// <summary>The format asked for on the command line (on the command or a parent), else table.</summary>
    public static OutputFormat Of(ParseResult parse) => Given(parse) is { } given ? parse.GetValue(given) : OutputFormat.Table;

    /// <summary>The text after <c>jsonpath=</c> or <c>custom-columns=</c>, else null.</summary>
    public static string? TemplateOf(ParseResult parse) =>
        Given(parse) is { } given && parse.GetResult(given)?.Tokens is [var token, ..] && token.Value.IndexOf('=', StringComparison.Ordinal) is var at and > 0
            ? token.Value[(at + 1)..]
            : null;

    private static Option<OutputFormat>? Given(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        for (var command = parse.CommandResult; command is not null; command = command.Parent as CommandResult)
        {
            if (command.Command.Options.FirstOrDefault(o => o.Name == Name) is Option<OutputFormat> option && parse.GetResult(option) is not null)
            {
                return option;
            }
        }

        return null;
    }

    private static OutputFormat Parse(ArgumentResult result, OutputFormat[] accepted)
    {
        var text = result.Tokens.Count == 0 ? "table" : result.Tokens[0].Value;
        var at = text.IndexOf('=', StringComparison.Ordinal);
        var word = at > 0 ? text[..at] : text;
        var known = Every.Where(f => string.Equals(Text(f), word, StringComparison.OrdinalIgnoreCase) && (at > 0) == Templated(f)).ToList();
        if (known.Count == 0)
        {
            result.AddError(Templated(Every.FirstOrDefault(f => string.Equals(Text(f), word, StringComparison.OrdinalIgnoreCase)))
                ? $"-o {word} needs its template: -o {word}=…"
                : $"unknown output format '{text}': use {string.Join(", ", Every.Select(Completion))}");
            return OutputFormat.Table;
        }

        var format = known[0];
        if (Templated(format) && TemplateProblem(format, text[(at + 1)..]) is { } problem)
        {
            result.AddError($"-o {word}: {problem}");
        }

        if (!accepted.Contains(format))
        {
            result.AddError($"{CommandPath(result)} does not print -o {Text(format)}: it prints {string.Join(", ", accepted.Select(Completion))}");
        }

        return format;
    }

    private static string CommandPath(SymbolResult result)
    {
        var names = new List<string>();
        for (var r = result.Parent; r is not null; r = r.Parent)
        {
            if (r is CommandResult command)
            {
                names.Add(command.Parent is null ? "childctl" : command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static bool Templated(OutputFormat format) => format is OutputFormat.JsonPath or OutputFormat.CustomColumns;

    private static string? TemplateProblem(OutputFormat format, string template)
    {
        try
        {
            _ = format == OutputFormat.JsonPath ? new JsonPathTemplate(template) : (object)CustomColumns.Parse(template);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static string Text(OutputFormat format) => format switch
    {
        OutputFormat.JsonPath => "jsonpath",
        OutputFormat.CustomColumns => "custom-columns",
        _ => format.ToString().ToLowerInvariant(),
    };

    /// <summary>How help and completion show a format: the templated ones with their <c>=</c>.</summary>
    private static string Completion(OutputFormat format) => Templated(format) ? Text(format) + "=" : Text(format);
}

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
