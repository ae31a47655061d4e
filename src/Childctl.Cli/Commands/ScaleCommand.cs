using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Operations.Change;

namespace Childctl.Cli.Commands;

/// <summary><c>childctl scale NAME --workers N [--control-planes N]</c>: patch the counts in spec.config, record before/after.</summary>
internal static class ScaleCommand
{
    public static Command Create(CliRun run)
    {
        var name = CommandOptions.Name();
        var workers = CommandOptions.Count("--workers", "Worker nodes (spec.config.workersNumber)");
        var controlPlanes = CommandOptions.Count("--control-planes", "Control plane nodes (spec.config.controlPlaneNumber)");
        var force = CommandOptions.Force("while a change is in flight, when the cluster is Failed or a dry run, or to an even control-plane count");
        var reason = CommandOptions.Reason();
        var wait = CommandOptions.Wait("k0rdent reports the scaled cluster Ready");
        var timeout = CommandOptions.Timeout();
        var command = new Command("scale", "Change a child cluster's worker (and control plane) count") { name, workers, controlPlanes, force, reason, wait, timeout };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var request = new ScaleRequest(inv.Get(name), inv.Get(workers), inv.Get(controlPlanes)) { Wait = inv.WaitFor(wait, timeout), Reason = inv.Get(reason), Force = inv.Get(force) };
            await new ScaleService(inv.Session).ScaleAsync(request, new ScaleView(inv), ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
