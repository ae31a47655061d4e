using System.CommandLine;
using Childctl.Core.Operations.Scale;
using Childctl.Core.Operations.Wait;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl scale NAME --workers N [--control-planes N]</c>: patch the counts in spec.config, record before/after.</summary>
internal static class ScaleCommand
{
    public static Command Create(CliSession session)
    {
        var name = ClusterNameArgument.One();
        var workers = LifecycleOptions.Count("--workers", "Worker nodes (spec.config.workersNumber)");
        var controlPlanes = LifecycleOptions.Count("--control-planes", "Control plane nodes (spec.config.controlPlaneNumber)");
        var reason = LifecycleOptions.Reason();
        var wait = LifecycleOptions.Wait("k0rdent reports the scaled cluster Ready");
        var timeout = LifecycleOptions.Timeout();
        var command = new Command("scale", "Change a child cluster's worker (and control plane) count") { name, workers, controlPlanes, reason, wait, timeout };
        CliContext.Bind(command, session, async (context, ct) =>
        {
            var p = context.Parse;
            using var api = LiveView.Connect(context);
            var ns = Lifecycle.Namespace(context, api, "scale");
            var recorder = await Lifecycle.RecorderAsync(context, api, p.GetValue(reason), ct);
            var request = new ScaleRequest(ns, p.GetValue(name)!, p.GetValue(workers), p.GetValue(controlPlanes));
            var result = await new ScaleService(api, recorder).ScaleAsync(request, ct);
            var counts = $"workers {ScaleService.Text(result.WorkersBefore)} → {ScaleService.Text(result.WorkersAfter)}, " +
                $"control planes {ScaleService.Text(result.ControlPlanesBefore)} → {ScaleService.Text(result.ControlPlanesAfter)}";
            await context.Host.Out.WriteLineAsync(result.Changed
                ? $"{Lifecycle.ObjectName(request.Name)} scaled ({counts})"
                : $"{Lifecycle.ObjectName(request.Name)} unchanged (already workers {ScaleService.Text(result.WorkersAfter)}, control planes {ScaleService.Text(result.ControlPlanesAfter)})");
            if (p.GetValue(wait))
            {
                var since = result.Changed ? recorder.Operation.StartedAt : (DateTimeOffset?)null;
                await WaitCommand.RunAsync(context, api, recorder,
                    new WaitRequest(ns, request.Name, WaitGoal.Ready, p.GetValue(timeout) ?? Lifecycle.DefaultWaitTimeout, since, result.Cluster.Uid), ct);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
