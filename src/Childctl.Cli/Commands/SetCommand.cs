using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Operations.Change;
using Childctl.Core.Operations.Create;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl set config NAME KEY=VALUE... [--unset KEY]... [-f VALUES.yaml]...</c>: change spec.config with the checks
/// create makes (credential fit, the template's values schema), record every value before and after.
/// </summary>
internal static class SetCommand
{
    public static Command Create(CliRun run)
    {
        var command = new Command("set", "Change part of a child cluster's spec (set config)");
        command.Subcommands.Add(Config(run));
        return command;
    }

    private static Command Config(CliRun run)
    {
        var name = CommandOptions.Name();
        var assignments = new Argument<string[]>("key=value")
        {
            Description = "Config values to set, as dotted paths under spec.config (worker.instanceType=t3.large, workersNumber=3; 'x' for a string, null to remove)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var unset = new Option<string[]>("--unset") { Description = "A config key to remove (dotted path; repeatable)", AllowMultipleArgumentsPerToken = false };
        var files = new Option<string[]>("--values", "-f") { Description = "A YAML or JSON file of values merged into spec.config first, as Helm merges values files (repeatable; - for stdin)" };
        var force = CommandOptions.Force("while a change is in flight, or to an even control-plane count");
        var reason = CommandOptions.Reason();
        var wait = CommandOptions.Wait("k0rdent reports the reconfigured cluster Ready");
        var timeout = CommandOptions.Timeout();
        var command = new Command("config", "Set or remove values in a child cluster's spec.config, checked as create checks them")
        {
            name, assignments, unset, files, force, reason, wait, timeout,
        };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var values = new List<System.Text.Json.Nodes.JsonObject>();
            foreach (var path in inv.Get(files) ?? [])
            {
                var source = path == "-" ? "stdin" : path;
                values.Add(ManifestReader.Read(await CreateCommand.ReadAsync(inv, path, "a values file (YAML or JSON)", ct), source));
            }

            var edits = new ConfigEdits { ValuesFiles = values, Assignments = inv.Get(assignments) ?? [], Unset = inv.Get(unset) ?? [] };
            var request = new SetConfigRequest(inv.Get(name), edits) { Force = inv.Get(force), Reason = inv.Get(reason), Wait = inv.WaitFor(wait, timeout) };
            await new ConfigChangeService(inv.Session).SetAsync(request, new ConfigChangeView(inv), ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
