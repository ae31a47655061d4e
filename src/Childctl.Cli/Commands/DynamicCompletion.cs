using System.CommandLine;
using System.CommandLine.Completions;
using System.Runtime.CompilerServices;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary>
/// Tab completion from the management cluster: every existing cluster's NAME argument (not the new name of <c>create</c>),
/// <c>--template</c>, <c>--credential</c>, <c>-n/--namespace</c>, <c>upgrade --to</c> (the named clusters'
/// status.availableUpgrades) and <c>--context</c> (from the kubeconfig, no API call). Each API question is asked with a
/// short time limit so that a Tab never hangs; when the API cannot answer in time (offline, no kubeconfig, refused), the
/// names local history knows instead (none for <c>--to</c>: only the live status says which upgrades are allowed). Nothing
/// but candidates reaches stdout. Help never runs these sources: the arguments carry a help name.
/// </summary>
internal static class DynamicCompletion
{
    /// <summary>How long a Tab may wait for the API.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    /// <summary>The run of each root, for the global options, which are shared by every root (and every test in parallel).</summary>
    private static readonly ConditionalWeakTable<Command, CliRun> Runs = [];

    static DynamicCompletion()
    {
        GlobalOptions.Namespace.HelpName = "namespace";
        GlobalOptions.Context.HelpName = "context";
        GlobalOptions.Namespace.CompletionSources.Add(context => Offer(context, CompletionKind.Namespaces));
        GlobalOptions.Context.CompletionSources.Add(Contexts);
    }

    /// <summary>Adds the completions to the tree under <paramref name="root"/>.</summary>
    public static void AttachTo(RootCommand root, CliRun run)
    {
        ArgumentNullException.ThrowIfNull(root);
        Runs.AddOrUpdate(root, run);
        foreach (var command in root.Subcommands)
        {
            Attach(command, newName: command.Name == "create");
        }
    }

    private static void Attach(Command command, bool newName)
    {
        foreach (var argument in command.Arguments.Where(a => a.Name == "name"))
        {
            argument.HelpName = "name";
            if (!newName)
            {
                argument.CompletionSources.Add(context => Offer(context, CompletionKind.Clusters));
            }
        }

        foreach (var option in command.Options.Where(o => o.Name is "--template" or "--credential" or "--to"))
        {
            option.HelpName = option.Name[2..];
            switch (option.Name)
            {
                case "--template":
                    option.CompletionSources.Add(context => Offer(context, CompletionKind.Templates));
                    break;
                case "--credential":
                    option.CompletionSources.Add(context => Offer(context, CompletionKind.Credentials));
                    break;
                case "--to" when command.Name == "upgrade":
                    option.CompletionSources.Add(context => UpgradeTargets(context, command));
                    break;
            }
        }

        foreach (var sub in command.Subcommands)
        {
            Attach(sub, newName);
        }
    }

    private static List<CompletionItem> Offer(CompletionContext context, CompletionKind kind) =>
        Ask(context, (names, ct) => names.LiveAsync(kind, ct), (names, ct) => names.FromHistoryAsync(kind, ct));

    /// <summary>The targets of the clusters named on the line (of every cluster in scope when none is).</summary>
    private static List<CompletionItem> UpgradeTargets(CompletionContext context, Command upgrade)
    {
        var named = upgrade.Arguments.FirstOrDefault(a => a.Name == "name") is { } argument && context.ParseResult.GetResult(argument) is { } result
            ? result.Tokens.Select(t => ObjectName.Strip(t.Value)).ToList()
            : [];
        return Ask(context, async (names, ct) =>
        {
            var targets = await Task.WhenAll(named.Count > 0
                ? named.Select(n => names.UpgradeTargetsAsync(n, ct))
                : [names.UpgradeTargetsOfAllAsync(ct)]);
            return targets.SelectMany(t => t).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }, offline: null);
    }

    private static IEnumerable<CompletionItem> Contexts(CompletionContext context)
    {
        var run = RunOf(context);
        try
        {
            var environment = run?.Host.GetEnvironmentVariable ?? Environment.GetEnvironmentVariable;
            return CompletionNames.Contexts(context.ParseResult.GetValue(GlobalOptions.Kubeconfig), environment).Select(n => new CompletionItem(n));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    private static List<CompletionItem> Ask(
        CompletionContext context,
        Func<CompletionNames, CancellationToken, Task<IReadOnlyList<string>>> live,
        Func<CompletionNames, CancellationToken, Task<IReadOnlyList<string>>>? offline)
    {
        if (RunOf(context) is not { } run)
        {
            return [];
        }

        try
        {
            using var invocation = Invocation.ForCompletion(run.Host, context.ParseResult, Limit);
            var names = new CompletionNames(invocation.Session);
            return Names(names, live, offline);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    private static List<CompletionItem> Names(
        CompletionNames names,
        Func<CompletionNames, CancellationToken, Task<IReadOnlyList<string>>> live,
        Func<CompletionNames, CancellationToken, Task<IReadOnlyList<string>>>? offline)
    {
        IReadOnlyList<string> found;
        try
        {
            using var limit = new CancellationTokenSource(Limit);
            found = live(names, limit.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            found = offline is null ? [] : offline(names, CancellationToken.None).GetAwaiter().GetResult();
        }

        return [.. found.Select(n => new CompletionItem(n))];
    }

    private static CliRun? RunOf(CompletionContext context) =>
        Runs.TryGetValue(context.ParseResult.RootCommandResult.Command, out var run) ? run : null;
}
