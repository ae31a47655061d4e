using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations;
using Childctl.Core.Operations.Wait;
using Childctl.Core.Text;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl wait NAME [--for ready|deleted] [--timeout 30m]</c>: until the cluster is Ready (a Ready that can be
/// trusted), fails (exit 7), is gone, or time runs out (exit 6, listing what is unmet). Progress goes to stderr; the
/// outcome line to stdout. The transition it ends on is recorded in history once, however often wait runs.
/// </summary>
internal static class WaitCommand
{
    public static Command Create(CliSession session)
    {
        var name = ClusterNameArgument.One();
        var goal = new Option<string>("--for") { Description = "ready (default) or deleted", DefaultValueFactory = _ => "ready" };
        goal.AcceptOnlyFromAmong("ready", "deleted");
        var timeout = LifecycleOptions.Timeout();
        var command = new Command("wait", "Wait until a child cluster is Ready (or deleted), failing early when k0rdent reports failure") { name, goal, timeout };
        CliContext.Bind(command, session, async (context, ct) =>
        {
            using var api = LiveView.Connect(context);
            var ns = Lifecycle.Namespace(context, api, "wait");
            var request = new WaitRequest(ns, context.Parse.GetValue(name)!,
                context.Parse.GetValue(goal) == "deleted" ? WaitGoal.Deleted : WaitGoal.Ready,
                context.Parse.GetValue(timeout) ?? Lifecycle.DefaultWaitTimeout);
            await RunAsync(context, api, await Lifecycle.RecorderAsync(context, api, null, ct), request, ct);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Waits with progress on stderr and prints the outcome on stdout; shared by every <c>--wait</c>.</summary>
    public static async Task<WaitOutcome> RunAsync(CliContext context, ManagementApi api, HistoryRecorder recorder, WaitRequest request, CancellationToken cancellationToken)
    {
        var goal = request.Goal == WaitGoal.Ready ? "Ready" : "deleted";
        var view = new WaitProgressView(context.Host.Err, context.UseLiveProgress, $"{request.Namespace}/{request.Name}");
        if (!context.UseLiveProgress)
        {
            await context.Host.Err.WriteLineAsync($"Waiting up to {DurationText.Format(request.Timeout)} for {request.Namespace}/{request.Name} to be {goal}...");
        }

        var outcome = await new WaitService(api, recorder, context.Host.Time).WaitAsync(request, view, cancellationToken);
        var line = outcome.State == WaitState.Ready
            ? $"{Lifecycle.ObjectName(request.Name)} ready (waited {DurationText.Format(outcome.Elapsed)})"
            : $"{Lifecycle.ObjectName(request.Name)} deleted (waited {DurationText.Format(outcome.Elapsed)})";
        await context.Host.Out.WriteLineAsync(line);
        return outcome;
    }
}
