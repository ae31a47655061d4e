using System.CommandLine;
using Childctl.Cli.Demo;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl demo</c>: a guided run against a private, throw-away sandbox, printed command by command.</summary>
internal static class DemoCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("demo", "Show childctl at work against a throw-away local sandbox");
        CliContext.Bind(command, session, async (context, ct) =>
        {
            await DemoRunner.RunAsync(context.Host, DemoScript.Steps, ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
