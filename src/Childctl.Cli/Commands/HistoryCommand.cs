using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Cli.Output.History;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl history [NAME]</c>: the timeline of one cluster, or of every cluster of the current management cluster,
/// newest last; one cluster is grouped by incarnation with milestones and durations. Reads local files, merged with the
/// team history on the management cluster when the team has it on (not with --local; offline it shows local history
/// with a warning). --with-events adds the current incarnation's live Kubernetes Events (never stored).
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(CliRun run)
    {
        var o = new Options(
            new Argument<string?>("name")
            {
                Description = "Cluster name (all clusters when omitted)",
                Arity = ArgumentArity.ZeroOrOne,
                CustomParser = r => r.Tokens is [var t, ..] ? ObjectName.Strip(t.Value) : null,
            },
            new Option<string?>("--since") { Description = "Only events at or after this time: RFC 3339, or a duration back from now (2h, 7d)" },
            new Option<string?>("--until") { Description = "Only events at or before this time: RFC 3339, or a duration back from now" },
            new Option<string[]>("--action") { Description = "Only these actions (repeat or comma-separate)", AllowMultipleArgumentsPerToken = true },
            new Option<string[]>("--user") { Description = "Only events by these users, OS user or Kubernetes identity (repeat or comma-separate)", AllowMultipleArgumentsPerToken = true },
            new Option<string?>("--uid") { Description = "Only events of the incarnation with this uid (a prefix is enough)" },
            new Option<string?>("--operation") { Description = "Only the events of this operation, as the childctl.dev/operation annotation names it (a prefix is enough); exit 3 when there are none" },
            new Option<bool>("--all-management-clusters") { Description = "History of every management cluster in the history folder, not just the current context's" },
            new Option<bool>("--with-events") { Description = "Also show the current incarnation's live Kubernetes Events (needs NAME and the API; never stored)" },
            new Option<bool>("--local") { Description = "Only this machine's history: do not read the team history on the management cluster" });
        var command = new Command("history", "Show the local history of a cluster (or all clusters): who did what, when and why. Not live state.")
        {
            o.Name, o.Since, o.Until, o.Action, o.User, o.Uid, o.Operation, o.EveryMc, o.WithEvents, o.Local,
        }.Prints(OutputFormat.Wide, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.Name);
        foreach (var team in HistoryTeamCommands.Create(run))
        {
            command.Subcommands.Add(team);
        }

        Invocation.Bind(command, run, (inv, ct) => RunAsync(inv, o, ct));
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv, Options o, CancellationToken ct)
    {
        var target = inv.Get(o.Name);
        var withEvents = inv.Get(o.WithEvents);
        if (withEvents && (target is null || inv.Get(o.EveryMc)))
        {
            throw ChildctlException.InvalidInput("--with-events shows one cluster's live Events: give its NAME (and no --all-management-clusters)");
        }

        var query = new HistoryQuery
        {
            Name = target,
            Since = Durations.TimeOrAgo(inv.Get(o.Since), "--since", inv.Now),
            Until = Durations.TimeOrAgo(inv.Get(o.Until), "--until", inv.Now),
            Actions = SplitList(inv.Get(o.Action)),
            Users = SplitList(inv.Get(o.User)),
            Uid = inv.Get(o.Uid),
            Operation = inv.Get(o.Operation),
            EveryManagementCluster = inv.Get(o.EveryMc),
            LocalOnly = inv.Get(o.Local),
        };
        await inv.Err.WriteLineAsync(HistoryRenderer.Marker(inv.Session.Options.HistoryDirectory));
        var result = await new HistoryService(inv.Session).QueryAsync(query, ct);
        foreach (var line in HistoryRenderer.Narration(result))
        {
            await inv.Err.WriteLineAsync(line);
        }

        if (result.Clusters.All(c => c.Events.Count == 0) && !withEvents && inv.Output is OutputFormat.Table or OutputFormat.Wide)
        {
            // Said on stderr, like list's "No clusters found": an empty table or nothing at all reads as a failure.
            await inv.Err.WriteLineAsync(query.IsFiltered ? "No history entries match these filters." : "No history recorded here yet.");
            return ExitCodes.Success;
        }

        if (query.IsFiltered)
        {
            // Structured output lists what matched, as the table does: a cluster with no matching entry is left out.
            result = result with { Clusters = result.Clusters.Where(c => c.Events.Count > 0).ToList() };
        }

        var live = withEvents ? await LiveEventsAsync(inv, result, ct) : null;
        await HistoryRenderer.WriteAsync(inv.Out, result, inv.Output, oneCluster: target is not null && result.Clusters.Count == 1, live, inv.UseColor);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The one live read <c>history</c> makes, only with --with-events: the Events of the incarnation that is live now
    /// (or of the latest one history knows, if the object is gone). Unreachable is exit 5, as for every live view.
    /// </summary>
    private static async Task<LiveClusterEvents> LiveEventsAsync(Invocation inv, HistoryResult result, CancellationToken ct)
    {
        if (result.Clusters.Count != 1)
        {
            throw ChildctlException.InvalidInput($"--with-events needs one cluster, and {result.Clusters.Count} namespaces have history for this name: pick one with -n");
        }

        var cluster = result.Clusters[0];
        var latest = cluster.Incarnations.LastOrDefault(i => i.Uid is not null)?.Uid;
        var live = await new ClusterStatusService(inv.Session).ReadEventsAsync(cluster.Namespace, cluster.Name, latest, ct);
        await inv.Err.WriteLineAsync(live.Uid is null
            ? "No live Events: the cluster does not exist now and history holds no uid."
            : $"With live Kubernetes Events of uid {live.Uid}{(live.ObjectExists ? string.Empty : " (no longer live)")}, marked {IncarnationView.LiveMarker}");
        return live;
    }

    private static string[] SplitList(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    private sealed record Options(
        Argument<string?> Name,
        Option<string?> Since,
        Option<string?> Until,
        Option<string[]> Action,
        Option<string[]> User,
        Option<string?> Uid,
        Option<string?> Operation,
        Option<bool> EveryMc,
        Option<bool> WithEvents,
        Option<bool> Local);
}
