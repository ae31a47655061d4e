using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Operations.Change;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl edit NAME</c>: the cluster's spec in $KUBE_EDITOR or $EDITOR (else vi), as kubectl edit opens an object;
/// checked as create checks a spec, reopened with the reason when refused, recorded with every value before and after.
/// </summary>
internal static class EditCommand
{
    public static Command Create(CliRun run)
    {
        var name = CommandOptions.Name();
        var force = CommandOptions.Force("while a change is in flight, or to an even control-plane count");
        var reason = CommandOptions.Reason();
        var wait = CommandOptions.Wait("k0rdent reports the changed cluster Ready");
        var timeout = CommandOptions.Timeout();
        var command = new Command("edit", "Edit a child cluster's spec in your editor ($KUBE_EDITOR, $EDITOR), checked as create checks it")
        {
            name, force, reason, wait, timeout,
        };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var request = new EditRequest(inv.Get(name)) { Force = inv.Get(force), Reason = inv.Get(reason), Wait = inv.WaitFor(wait, timeout) };
            await new ConfigChangeService(inv.Session).EditAsync(request, new EditorView(inv), new ConfigChangeView(inv), ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
