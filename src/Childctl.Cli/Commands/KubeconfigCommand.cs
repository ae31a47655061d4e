using System.CommandLine;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Kubeconfig;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl kubeconfig NAME [-f PATH | --merge [KUBECONFIG] [--use] | --forget [KUBECONFIG]] [--force]</c>: the child's
/// kubeconfig to stdout, to a new 0600 file, or merged as a context named after the cluster into the kubeconfig files in
/// use (as kubectl config set-context edits them) or the one given; <c>--forget</c> removes what a merge added.
/// </summary>
internal static class KubeconfigCommand
{
    public static Command Create(CliRun run)
    {
        var name = CommandOptions.Name();
        var file = new Option<string?>("--file", "-f") { Description = "Write to this file (mode 0600; never overwritten without --force)" };
        var merge = new Option<string?>("--merge")
        {
            Description = "Add or update a context named after the cluster: in this kubeconfig, else in the files in use (--kubeconfig, $KUBECONFIG, ~/.kube/config), each entry in the file that defines it",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var use = new Option<bool>("--use") { Description = "With --merge: also make the context the current one (never done otherwise)" };
        var forget = new Option<string?>("--forget")
        {
            Description = "Remove the context, cluster and user that --merge added for the cluster (nothing else), from this kubeconfig or the files in use",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file given with -f; with --merge, replace entries of the same name that childctl did not add" };
        var command = new Command("kubeconfig", "Get a child cluster's kubeconfig (stdout, a file, or merged into a kubeconfig)") { name, file, merge, use, forget, force };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var merging = inv.Parse.GetResult(merge) is not null;
            var forgetting = inv.Parse.GetResult(forget) is not null;
            if ((merging ? 1 : 0) + (forgetting ? 1 : 0) + (inv.Get(file) is null ? 0 : 1) > 1)
            {
                throw ChildctlException.InvalidInput("give one of -f PATH, --merge and --forget");
            }

            if (inv.Get(use) && !merging)
            {
                throw ChildctlException.InvalidInput("--use goes with --merge: it makes the merged context the current one");
            }

            var service = new KubeconfigService(inv.Session);
            if (forgetting)
            {
                return await ForgetAsync(inv, service, inv.Get(name), inv.Get(forget), ct);
            }

            var destination = merging ? KubeconfigDestination.Merge : inv.Get(file) is null ? KubeconfigDestination.Stdout : KubeconfigDestination.File;
            var request = new KubeconfigRequest(inv.Get(name), destination, merging ? inv.Get(merge) : inv.Get(file), inv.Get(force)) { Use = inv.Get(use) };
            var result = await service.GetAsync(request, ct);
            await (result.Destination switch
            {
                KubeconfigDestination.Stdout => inv.Out.WriteAsync(result.Content),
                KubeconfigDestination.File => inv.Err.WriteLineAsync($"Wrote the kubeconfig of {request.Name} to {result.Path} (mode 0600)."),
                _ => inv.Err.WriteLineAsync(Merged(result)),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Merged(KubeconfigResult result)
    {
        var others = result.FilesWritten.Where(f => f != result.Path).ToList();
        return $"Context \"{result.Context}\" {(result.ContextReplaced ? "updated in" : "added to")} {result.Path}" +
            (others.Count == 0 ? string.Empty : $" (entries also changed in {string.Join(", ", others)})") +
            (result.MadeCurrent
                ? $"; it is now the current context: kubectl get nodes"
                : $"; the current context is unchanged: use it with kubectl --context {result.Context} get nodes (or pass --use)");
    }

    private static async Task<int> ForgetAsync(Invocation inv, KubeconfigService service, string name, string? path, CancellationToken ct)
    {
        var result = await service.ForgetAsync(name, path, ct);
        if (result.Removed.Count == 0)
        {
            await inv.Err.WriteLineAsync($"Nothing to forget: no context, cluster or user that childctl merged for {name} is in the kubeconfig.");
            return ExitCodes.Success;
        }

        foreach (var (where, list, entry) in result.Removed)
        {
            await inv.Err.WriteLineAsync($"Removed {list.TrimEnd('s')} \"{entry}\" from {where}.");
        }

        if (result.WasCurrent)
        {
            await inv.Err.WriteLineAsync($"warning: \"{name}\" was the current context; pick another with kubectl config use-context");
        }

        return ExitCodes.Success;
    }
}
