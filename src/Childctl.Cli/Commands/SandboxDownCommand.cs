using System.CommandLine;
using Childctl.Cli.LocalSandbox;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl sandbox down</c>: stops the sandbox started by <c>up</c> and removes its state. Nothing running is not an error.</summary>
internal static class SandboxDownCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("down", "Stop the sandbox");
        CliContext.Bind(command, session, async (context, ct) =>
        {
            var stopped = await new SandboxManager(context.Host).StopAsync(ct);
            await context.Host.Err.WriteLineAsync(stopped is null
                ? "no sandbox is running"
                : $"stopped the sandbox at {stopped.BaseUri.ToString().TrimEnd('/')} (pid {stopped.Pid})");
            return ExitCodes.Success;
        });
        return command;
    }
}
