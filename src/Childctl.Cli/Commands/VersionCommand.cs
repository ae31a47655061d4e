using System.CommandLine;
using System.Reflection;
using Childctl.Cli.Output;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl version</c>: the client's version, without contacting any server.</summary>
internal static class VersionCommand
{
    public static Command Create(CliRun run)
    {
        var command = new Command("version", "Print the childctl version").Prints(OutputFormat.Json, OutputFormat.Yaml);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var text = inv.Output is OutputFormat.Json or OutputFormat.Yaml ? KeyValueWriter.Render([new("clientVersion", version)], inv.Output) : $"childctl {version}";
            await inv.Out.WriteLineAsync(text.AsMemory(), ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
