using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Upgrade;
using Childctl.Core.Operations.Wait;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl upgrade NAME --list</c> shows the templates k0rdent allows (<c>status.availableUpgrades</c>);
/// <c>--to TEMPLATE</c> moves spec.template to one of them, and refuses (exit 2) anything else.
/// </summary>
internal static class UpgradeCommand
{
    public static Command Create(CliSession session)
    {
        var name = ClusterNameArgument.One();
        var list = new Option<bool>("--list") { Description = "Show the current template and the allowed upgrade targets" };
        var to = new Option<string?>("--to") { Description = "The ClusterTemplate to move to (one of the allowed targets)" };
        var reason = LifecycleOptions.Reason();
        var wait = LifecycleOptions.Wait("k0rdent reports the upgraded cluster Ready");
        var timeout = LifecycleOptions.Timeout();
        var command = new Command("upgrade", "List or apply a child cluster's template upgrades (only along status.availableUpgrades)") { name, list, to, reason, wait, timeout };
        CliContext.Bind(command, session, async (context, ct) =>
        {
            var p = context.Parse;
            if (p.GetValue(list) == (p.GetValue(to) is not null))
            {
                throw ChildctlException.InvalidInput("give either --list or --to TEMPLATE");
            }

            using var api = LiveView.Connect(context);
            var ns = Lifecycle.Namespace(context, api, "upgrade");
            var clusterName = p.GetValue(name)!;
            if (p.GetValue(list))
            {
                await WriteOptionsAsync(context, await new UpgradeService(api, null).ListAsync(ns, clusterName, ct));
                return ExitCodes.Success;
            }

            var recorder = await Lifecycle.RecorderAsync(context, api, p.GetValue(reason), ct);
            var result = await new UpgradeService(api, recorder).UpgradeAsync(new UpgradeRequest(ns, clusterName, p.GetValue(to)!), ct);
            await context.Host.Out.WriteLineAsync($"{Lifecycle.ObjectName(clusterName)} upgraded ({result.From} → {result.To})");
            if (p.GetValue(wait))
            {
                await WaitCommand.RunAsync(context, api, recorder,
                    new WaitRequest(ns, clusterName, WaitGoal.Ready, p.GetValue(timeout) ?? Lifecycle.DefaultWaitTimeout, recorder.Operation.StartedAt, result.Cluster.Uid), ct);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Task WriteOptionsAsync(CliContext context, UpgradeOptions options)
    {
        if (context.Output is OutputFormat.Json or OutputFormat.Yaml)
        {
            var upgrades = string.Join(", ", options.AvailableUpgrades.Select(u => $"\"{u}\""));
            return context.Host.Out.WriteLineAsync(context.Output == OutputFormat.Json
                ? $"{{\n    \"name\": \"{options.Name}\",\n    \"template\": \"{options.CurrentTemplate}\",\n    \"availableUpgrades\": [{upgrades}]\n}}"
                : $"name: {options.Name}\ntemplate: {options.CurrentTemplate}\navailableUpgrades: [{upgrades}]");
        }

        var table = new TableWriter("NAME", "TEMPLATE", "AVAILABLE UPGRADES");
        table.AddRow(options.Name, options.CurrentTemplate, options.AvailableUpgrades.Count == 0 ? "<none>" : string.Join(",", options.AvailableUpgrades));
        return table.WriteAsync(context.Host.Out);
    }
}
