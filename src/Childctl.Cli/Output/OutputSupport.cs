using System.CommandLine;

namespace Childctl.Cli.Output;

/// <summary>
/// Which <c>-o</c> formats each command prints, in one table. A format a command does not print is bad usage (exit 2)
/// instead of being ignored, so a script asking for <c>-o json</c> never parses a table by mistake. The default
/// (table) is always accepted; commands not listed print only that.
/// </summary>
internal static class OutputSupport
{
    private static readonly OutputFormat[] Everything = [OutputFormat.Table, OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Name];
    private static readonly OutputFormat[] Objects = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Name];
    private static readonly OutputFormat[] Record = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml];

    private static readonly Dictionary<string, OutputFormat[]> Formats = new(StringComparer.Ordinal)
    {
        ["list"] = Everything,
        ["templates"] = Everything,
        ["credentials"] = Everything,
        ["history"] = Everything,
        ["status"] = Objects,
        ["create"] = Objects,
        ["create azure"] = Objects,
        ["create aws"] = Objects,
        ["create gcp"] = Objects,
        ["note"] = Objects,
        ["audit"] = Everything,
        ["migrate"] = [OutputFormat.Table, OutputFormat.Json, OutputFormat.Name],
        ["upgrade"] = Record,
        ["watch"] = [OutputFormat.Table, OutputFormat.Json],
        ["version"] = Record,
        ["sandbox status"] = Record,
    };

    /// <summary>Adds the check to every command under <paramref name="root"/>.</summary>
    public static void Apply(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var command in root.Subcommands)
        {
            Apply(command, command.Name);
        }
    }

    private static void Apply(Command command, string path)
    {
        var formats = Formats.GetValueOrDefault(path, [OutputFormat.Table]);
        command.Validators.Add(result =>
        {
            if (result.GetResult(GlobalOptions.Output) is null || !TryGetFormat(result, out var format))
            {
                return; // not given (the table), or not a format at all, which its own parser reports
            }

            if (!formats.Contains(format))
            {
                var supported = string.Join(", ", formats.Select(f => f.ToString().ToLowerInvariant()));
                result.AddError($"childctl {path} does not print -o {format.ToString().ToLowerInvariant()}: it prints {supported}");
            }
        });
        foreach (var sub in command.Subcommands)
        {
            Apply(sub, path + " " + sub.Name);
        }
    }

    private static bool TryGetFormat(System.CommandLine.Parsing.CommandResult result, out OutputFormat format)
    {
        try
        {
            format = result.GetValue(GlobalOptions.Output);
            return true;
        }
        catch (InvalidOperationException)
        {
            format = default;
            return false;
        }
    }
}
