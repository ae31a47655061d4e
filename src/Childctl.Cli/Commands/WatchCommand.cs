using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.Errors;
using Childctl.Kubernetes.Watching;
using Childctl.Core.Operations.Watch;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl watch [NAME]</c>: a live view of phase changes in the namespace (or all, with -A), until interrupted.
/// For one NAME it ends when that cluster is gone, or with exit 7 when k0rdent reports it Failed for its current spec,
/// and records what it saw (trusted Ready, Failed, gone) in history as <c>wait</c> does, once per transition.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CliSession session)
    {
        var name = ClusterNameArgument.Optional("Watch only this cluster");
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector, as in kubectl" };
        var command = new Command("watch", "Show child clusters' phase changes live (-o json: the watch events as JSON lines)") { name, selector };
        CliContext.Bind(command, session, async (context, ct) =>
        {
            using var api = LiveView.Connect(context);
            var clusterName = context.Parse.GetValue(name);
            var ns = clusterName is null ? LiveView.Scope(context, api) : Lifecycle.Namespace(context, api, "watch NAME");
            var view = new WatchView(context.Host.Out, context.Output, context.Host.StdoutIsTerminal);
            var service = new WatchClustersService(api, context.Host.Time);
            var observer = clusterName is null ? null : new WatchedClusterObserver(await Lifecycle.RecorderAsync(context, api, null, ct), context.Host.Time);
            var present = false;
            await foreach (var change in service.WatchAsync(ns, clusterName, context.Parse.GetValue(selector), ct))
            {
                view.Write(change);
                if (observer is null)
                {
                    continue;
                }

                present |= change.Cluster is not null;
                if (change.Kind == WatchChangeKind.Synced && !present)
                {
                    // Watching a name before it is created is legitimate (e.g. from another terminal); a typo should still be visible.
                    await context.Host.Err.WriteLineAsync($"{ns}/{clusterName} does not exist (yet); watching for it to appear, Ctrl-C to stop");
                }

                if (await observer.ObserveAsync(change, ct) is { } failure)
                {
                    throw new ChildctlException(ErrorKind.ClusterFailed, $"ClusterDeployment \"{clusterName}\" in namespace \"{ns}\" failed: {failure}");
                }

                if (change.Kind == WatchChangeKind.Deleted)
                {
                    break;
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
