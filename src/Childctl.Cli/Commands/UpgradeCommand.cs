using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Change;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl upgrade NAME --list</c> shows the templates k0rdent allows (<c>status.availableUpgrades</c>);
/// <c>--to TEMPLATE</c> moves spec.template to one of them, and refuses (exit 2) anything else.
/// </summary>
internal static class UpgradeCommand
{
    public static Command Create(CliRun run)
    {
        var name = CommandOptions.Name();
        var list = new Option<bool>("--list") { Description = "Show the current template and the allowed upgrade targets (-o json|yaml: as a record)" };
        var to = new Option<string?>("--to") { Description = "The ClusterTemplate to move to (one of the allowed targets)" };
        var force = CommandOptions.Force("while the previous change is in flight");
        var reason = CommandOptions.Reason();
        var wait = CommandOptions.Wait("k0rdent reports the upgraded cluster Ready");
        var timeout = CommandOptions.Timeout();
        var command = new Command("upgrade", "List or apply a child cluster's template upgrades (only along status.availableUpgrades)") { name, list, to, force, reason, wait, timeout }
            .Prints(OutputFormat.Json, OutputFormat.Yaml);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            if (inv.Get(list) == (inv.Get(to) is not null))
            {
                throw ChildctlException.InvalidInput("give either --list or --to TEMPLATE");
            }

            var service = new UpgradeService(inv.Session);
            if (inv.Get(list))
            {
                await inv.Out.WriteAsync(UpgradeOptionsView.Render(await service.ListAsync(inv.Get(name), ct), inv.Output));
                return ExitCodes.Success;
            }

            var request = new UpgradeRequest(inv.Get(name), inv.Get(to)!) { Wait = inv.WaitFor(wait, timeout), Reason = inv.Get(reason), Force = inv.Get(force) };
            await service.UpgradeAsync(request, new UpgradeView(inv), ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
