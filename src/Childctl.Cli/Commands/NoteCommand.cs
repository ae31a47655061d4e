using System.CommandLine;
using System.Text.Json;
using Childctl.Cli.Output;
using Childctl.Cli.Output.History;
using Childctl.Core.Errors;
using Childctl.Core.Kubernetes;
using Childctl.Core.Operations;
using Childctl.History.Codec;
using Childctl.History.Store;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl note NAME "text" [--reason ...]</c>: appends an operator note to the cluster's local history.
/// Works offline; records the uid when the API can tell it, and says so when it cannot.
/// </summary>
internal static class NoteCommand
{
    public static Command Create(CliSession session)
    {
        var name = new Argument<string>("name") { Description = "Cluster name" };
        var text = new Argument<string>("text") { Description = "The note" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept with the note)" };
        var command = new Command("note", "Add an operator note to a cluster's local history (works offline)") { name, text, reason };
        CliContext.Bind(command, session, async (ctx, ct) =>
        {
            if (ctx.AllNamespaces)
            {
                throw ChildctlException.InvalidInput("note works on one cluster in one namespace: use -n NAMESPACE instead of -A");
            }

            var mc = ResolveManagementCluster(ctx);
            var store = new FileHistoryStore(ctx.HistoryDirectory, ctx.Host.Time) { OnWarning = w => ctx.Host.Err.WriteLine("warning: " + w) };
            var request = new NoteRequest(mc, mc.DefaultNamespace, ctx.Parse.GetValue(name)!, ctx.Parse.GetValue(text)!, ctx.Parse.GetValue(reason),
                ctx.Host.UserName, ctx.CommandLine, ctx.Host.Time.GetUtcNow());
            var result = await new NoteService(store, CreateUidLookup(ctx)).AddAsync(request, ct);
            if (result.RepairedTail is { } torn)
            {
                await ctx.Host.Err.WriteLineAsync($"warning: {torn.LogPath} ended in an incomplete entry left by an interrupted write; it was moved to {torn.SidePath}");
            }

            if (result.UidUnknownReason is not null)
            {
                await ctx.Host.Err.WriteLineAsync($"note recorded without a uid: {result.UidUnknownReason}");
            }

            await ctx.Host.Out.WriteAsync(Render(ctx.Output, result, store.PathOf(result.Stream)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The one place that picks how <c>note</c> learns the uid: one GET through the façade, bounded by
    /// --request-timeout; when the API cannot tell, the note is recorded without a uid and the reason printed.
    /// </summary>
    private static ApiUidLookup CreateUidLookup(CliContext ctx) =>
        new(new ApiOptions { RequestTimeout = ctx.RequestTimeout, Time = ctx.Host.Time });

    private static ManagementCluster ResolveManagementCluster(CliContext ctx)
    {
        try
        {
            return KubeconfigResolver.Resolve(ctx.KubeconfigPath, ctx.ContextName, ctx.ExplicitNamespace, ctx.Host.GetEnvironmentVariable);
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.InvalidInput)
        {
            throw ChildctlException.InvalidInput($"note needs the kubeconfig to know which management cluster the cluster belongs to: {e.Message}");
        }
    }

    private static string Render(OutputFormat format, NoteResult result, string path) => format switch
    {
        OutputFormat.Json => JsonSerializer.Serialize(HistoryJsonMapper.Event(result.Event), HistoryJsonContext.Default.EventJson) + "\n",
        OutputFormat.Yaml => EventBlockWriter.Block(result.Event, itemIndent: 0),
        OutputFormat.Name => $"{result.Stream.Namespace}/{result.Stream.Name}\n",
        _ => $"note added to {result.Stream.Namespace}/{result.Stream.Name} ({path})\n",
    };
}
