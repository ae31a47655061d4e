using System.CommandLine;
using System.CommandLine.Parsing;
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
