using System.CommandLine;
using System.Reflection;
using Childctl.Cli.Output;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl version</c>: the client's version, without contacting any server.</summary>
internal static class VersionCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("version", "Print the childctl version");
        CliContext.Bind(command, session, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var version = typeof(VersionCommand).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var text = context.Output switch
        {
            OutputFormat.Json => $"{{\n  \"clientVersion\": \"{version}\"\n}}",
            OutputFormat.Yaml => $"clientVersion: {version}",
            _ => $"childctl {version}",
        };
        await context.Host.Out.WriteLineAsync(text.AsMemory(), cancellationToken);
        return ExitCodes.Success;
    }
}
