using System.CommandLine;
using Childctl.Cli.Demo;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl demo</c>: a guided run against a private, throw-away sandbox, printed command by command.</summary>
internal static class DemoCommand
{
    public static Command Create(CliRun run)
    {
        var command = new Command("demo", "Show childctl at work against a throw-away local sandbox");
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            await DemoRunner.RunAsync(inv.Host, DemoScript.Steps, ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
