using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Cli.Output.History;
using Childctl.Core.Errors;
using Childctl.Core.Operations;
using Childctl.History.Query;
using Childctl.History.Store;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl history [NAME]</c>: the local timeline of one cluster, or of every cluster of the current
/// management cluster, newest last; one cluster is grouped by incarnation with milestones and durations. Reads only
/// local files (and the kubeconfig, for the management cluster's name): it works offline and never contacts the API,
/// except with --with-events, which adds the current incarnation's live Kubernetes Events (never stored).
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(CliSession session)
    {
        var o = new Options(
            new Argument<string?>("name") { Description = "Cluster name (all clusters when omitted)", Arity = ArgumentArity.ZeroOrOne },
            new Option<string?>("--since") { Description = "Only events at or after this time: RFC 3339, or a duration back from now (2h, 7d)" },
            new Option<string?>("--until") { Description = "Only events at or before this time: RFC 3339, or a duration back from now" },
            new Option<string[]>("--action") { Description = "Only these actions (repeat or comma-separate)", AllowMultipleArgumentsPerToken = true },
            new Option<string[]>("--user") { Description = "Only events by these users, OS user or Kubernetes identity (repeat or comma-separate)", AllowMultipleArgumentsPerToken = true },
            new Option<string?>("--uid") { Description = "Only events of the incarnation with this uid (a prefix is enough)" },
            new Option<bool>("--all-management-clusters") { Description = "History of every management cluster in the history folder, not just the current context's" },
            new Option<bool>("--with-events") { Description = "Also show the current incarnation's live Kubernetes Events (needs NAME and the API; never stored)" });
        var command = new Command("history", "Show the local history of a cluster (or all clusters): who did what, when and why. Not live state.")
        {
            o.Name, o.Since, o.Until, o.Action, o.User, o.Uid, o.EveryMc, o.WithEvents,
        };
        CliContext.Bind(command, session, (ctx, ct) => RunAsync(ctx, o, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext ctx, Options o, CancellationToken ct)
    {
        var target = ctx.Parse.GetValue(o.Name);
        var withEvents = ctx.Parse.GetValue(o.WithEvents);
        if (withEvents && (target is null || ctx.Parse.GetValue(o.EveryMc)))
        {
            throw ChildctlException.InvalidInput("--with-events shows one cluster's live Events: give its NAME (and no --all-management-clusters)");
        }

        var filter = Filter(ctx, o);
        var scope = ctx.Parse.GetValue(o.EveryMc)
            ? HistoryScope.AllManagementClusters(ctx.ExplicitNamespace, ctx.AllNamespaces, target is not null)
            : HistoryScope.Resolve(ctx.KubeconfigPath, ctx.ContextName, ctx.ExplicitNamespace, ctx.AllNamespaces, target is not null, ctx.Host.GetEnvironmentVariable);
        await ctx.Host.Err.WriteLineAsync(HistoryRenderer.Marker(ctx.HistoryDirectory));
        if (scope.Notice is not null)
        {
            await ctx.Host.Err.WriteLineAsync($"note: {scope.Notice}");
        }

        var service = new HistoryService(new FileHistoryStore(ctx.HistoryDirectory, ctx.Host.Time));
        var result = await service.QueryAsync(new HistoryRequest(scope, target, filter), ct);
        foreach (var warning in HistoryRenderer.Warnings(result))
        {
            await ctx.Host.Err.WriteLineAsync(warning);
        }

        if (result.Clusters.All(c => c.Events.Count == 0) && !withEvents && ctx.Output is OutputFormat.Table or OutputFormat.Wide)
        {
            // Said on stderr, like list's "No clusters found": an empty table or nothing at all reads as a failure.
            await ctx.Host.Err.WriteLineAsync(filter.IsEmpty ? "No history recorded here yet." : "No history entries match these filters.");
            return ExitCodes.Success;
        }

        if (!filter.IsEmpty)
        {
            // Structured output lists what matched, as the table does: a cluster with no matching entry is left out.
            result = result with { Clusters = result.Clusters.Where(c => c.Events.Count > 0).ToList() };
        }

        var live = withEvents ? await LiveEventsAsync(ctx, result, ct) : null;
        await ctx.Host.Out.WriteAsync(HistoryRenderer.Render(result, ctx.Output, oneCluster: target is not null && result.Clusters.Count == 1, live, ctx.UseColor));
        return ExitCodes.Success;
    }

    private static HistoryFilter Filter(CliContext ctx, Options o)
    {
        var now = ctx.Host.Time.GetUtcNow();
        return new HistoryFilter
        {
            Since = HistoryTimes.Parse(ctx.Parse.GetValue(o.Since), "--since", now),
            Until = HistoryTimes.Parse(ctx.Parse.GetValue(o.Until), "--until", now),
            Actions = SplitList(ctx.Parse.GetValue(o.Action)),
            Users = SplitList(ctx.Parse.GetValue(o.User)),
            Uid = ctx.Parse.GetValue(o.Uid),
        };
    }

    /// <summary>
    /// The one live read <c>history</c> makes, only with --with-events: the Events of the incarnation that is live now
    /// (or of the latest one history knows, if the object is gone). Unreachable is exit 5, as for every live view.
    /// </summary>
    private static async Task<LiveClusterEvents> LiveEventsAsync(CliContext ctx, HistoryResult result, CancellationToken ct)
    {
        if (result.Clusters.Count != 1)
        {
            throw ChildctlException.InvalidInput($"--with-events needs one cluster, and {result.Clusters.Count} namespaces have history for this name: pick one with -n");
        }

        var cluster = result.Clusters[0];
        using var api = LiveView.Connect(ctx);
        var latest = cluster.Incarnations.LastOrDefault(i => i.Uid is not null)?.Uid;
        var live = await new ClusterEventsService(api).ReadAsync(cluster.Stream.Namespace, cluster.Stream.Name, latest, ct);
        await ctx.Host.Err.WriteLineAsync(live.Uid is null
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
        Option<bool> EveryMc,
        Option<bool> WithEvents);
}
