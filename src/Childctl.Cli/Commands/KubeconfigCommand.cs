using System.CommandLine;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Kubeconfig;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl kubeconfig NAME [-f PATH | --merge [KUBECONFIG]] [--force]</c>: the child's kubeconfig to stdout, to a
/// new 0600 file, or merged into a kubeconfig (default: the first file of $KUBECONFIG, else ~/.kube/config) as a
/// context named after the cluster.
/// </summary>
internal static class KubeconfigCommand
{
    public static Command Create(CliSession session)
    {
        var name = ClusterNameArgument.One();
        var file = new Option<string?>("--file", "-f") { Description = "Write to this file (mode 0600; never overwritten without --force)" };
        var merge = new Option<string?>("--merge")
        {
            Description = "Add or update a context named after the cluster in this kubeconfig (default $KUBECONFIG's first file, else ~/.kube/config)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file given with -f" };
        var command = new Command("kubeconfig", "Get a child cluster's kubeconfig (stdout, a file, or merged into a kubeconfig)") { name, file, merge, force };
        CliContext.Bind(command, session, async (context, ct) =>
        {
            var p = context.Parse;
            var merging = p.GetResult(merge) is not null;
            if (merging && p.GetValue(file) is not null)
            {
                throw ChildctlException.InvalidInput("give either -f PATH or --merge, not both");
            }

            var destination = merging ? KubeconfigDestination.Merge : p.GetValue(file) is null ? KubeconfigDestination.Stdout : KubeconfigDestination.File;
            var path = merging ? p.GetValue(merge) ?? DefaultKubeconfig(context) : p.GetValue(file);
            using var api = LiveView.Connect(context);
            var ns = Lifecycle.Namespace(context, api, "kubeconfig");
            var recorder = await Lifecycle.RecorderAsync(context, api, null, ct);
            var request = new KubeconfigRequest(ns, p.GetValue(name)!, destination, path, p.GetValue(force));
            var result = await new KubeconfigService(api, recorder).GetAsync(request, ct);
            switch (result.Destination)
            {
                case KubeconfigDestination.Stdout:
                    await context.Host.Out.WriteAsync(result.Content);
                    break;
                case KubeconfigDestination.File:
                    await context.Host.Err.WriteLineAsync($"Wrote the kubeconfig of {request.Name} to {result.Path} (mode 0600).");
                    break;
                default:
                    await context.Host.Err.WriteLineAsync($"Context \"{result.Context}\" {(result.ContextReplaced ? "updated in" : "added to")} {result.Path}; use it with: kubectl --kubeconfig {result.Path} --context {result.Context} get nodes");
                    break;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string DefaultKubeconfig(CliContext context)
    {
        var list = context.Host.GetEnvironmentVariable("KUBECONFIG");
        var first = list?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (!string.IsNullOrEmpty(first))
        {
            return first;
        }

        var home = context.Host.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".kube", "config");
    }
}
