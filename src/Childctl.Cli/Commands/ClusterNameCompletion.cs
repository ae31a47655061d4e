using System.CommandLine;
using System.CommandLine.Completions;
using Childctl.Core.History;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary>
/// Completion of every existing cluster's NAME argument (not the new name of <c>create</c>): the clusters the API lists
/// in the namespace the line names (or all with -A), asked with a short time limit so that a Tab never hangs; when the
/// API cannot answer in time (offline, no kubeconfig), the names local history knows instead.
/// </summary>
internal static class ClusterNameCompletion
{
    /// <summary>How long a Tab may wait for the API.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    /// <summary>Adds the completion to each <c>name</c> argument in the tree, outside <c>create</c>.</summary>
    public static void AttachTo(Command root, CliRun run)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var command in root.Subcommands.Where(c => c.Name != "create"))
        {
            Attach(command, run);
        }
    }

    private static void Attach(Command command, CliRun run)
    {
        foreach (var argument in command.Arguments.Where(a => a.Name == "name"))
        {
            argument.CompletionSources.Add(context => Names(run, context.ParseResult).Select(n => new CompletionItem(n)));

            // Without a help name, help shows an argument with completions as its completions (<my-cluster|other>): the
            // clusters of the moment, read from the API or history, where the usage should say <name>.
            argument.HelpName ??= argument.Name;
        }

        foreach (var sub in command.Subcommands)
        {
            Attach(sub, run);
        }
    }

    private static List<string> Names(CliRun run, ParseResult parse)
    {
        using var invocation = Invocation.ForCompletion(run.Host, parse, Limit);
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            var listing = new ListClustersService(invocation.Session).ListAsync(new ListRequest(ClusterFilter.None), limit.Token).GetAwaiter().GetResult();
            return listing.Clusters.Select(c => c.Cluster.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return FromHistory(invocation);
        }
    }

    private static List<string> FromHistory(Invocation invocation)
    {
        try
        {
            var result = new HistoryService(invocation.Session).QueryAsync(new HistoryQuery(), CancellationToken.None).GetAwaiter().GetResult();
            return result.Clusters.Select(c => c.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }
}
