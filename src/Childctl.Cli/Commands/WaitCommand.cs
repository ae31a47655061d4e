using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Operations.Wait;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl wait NAME [--for ready|deleted] [--timeout 30m]</c>: until the cluster is Ready (a Ready that can be
/// trusted), fails (exit 7), is gone, or time runs out (exit 6, listing what is unmet). Progress goes to stderr; the
/// outcome line to stdout. The transition it ends on is recorded in history once, however often wait runs.
/// </summary>
internal static class WaitCommand
{
    public static Command Create(CliRun run)
    {
        var name = CommandOptions.Name();
        var goal = new Option<string>("--for") { Description = "ready (default) or deleted", DefaultValueFactory = _ => "ready" };
        goal.AcceptOnlyFromAmong("ready", "deleted");
        var timeout = CommandOptions.Timeout();
        var command = new Command("wait", "Wait until a child cluster is Ready (or deleted), failing early when k0rdent reports failure") { name, goal, timeout };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var request = new WaitRequest(inv.Session.OneNamespace("wait"), inv.Get(name), inv.Get(goal) == "deleted" ? WaitGoal.Deleted : WaitGoal.Ready,
                inv.Get(timeout) ?? WaitRequest.DefaultTimeout);
            await new WaitService(inv.Session).WaitAsync(request, new WaitView(inv), ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
