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
    public static Command Create(CliRun run)
    {
        var name = CommandOptions.Name();
        var file = new Option<string?>("--file", "-f") { Description = "Write to this file (mode 0600; never overwritten without --force)" };
        var merge = new Option<string?>("--merge")
        {
            Description = "Add or update a context named after the cluster in this kubeconfig (default $KUBECONFIG's first file, else ~/.kube/config)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file given with -f" };
        var command = new Command("kubeconfig", "Get a child cluster's kubeconfig (stdout, a file, or merged into a kubeconfig)") { name, file, merge, force };
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var merging = inv.Parse.GetResult(merge) is not null;
            if (merging && inv.Get(file) is not null)
            {
                throw ChildctlException.InvalidInput("give either -f PATH or --merge, not both");
            }

            var destination = merging ? KubeconfigDestination.Merge : inv.Get(file) is null ? KubeconfigDestination.Stdout : KubeconfigDestination.File;
            var path = merging ? inv.Get(merge) ?? DefaultKubeconfig(inv.Host) : inv.Get(file);
            var request = new KubeconfigRequest(inv.Get(name), destination, path, inv.Get(force));
            var result = await new KubeconfigService(inv.Session).GetAsync(request, ct);
            await (result.Destination switch
            {
                KubeconfigDestination.Stdout => inv.Out.WriteAsync(result.Content),
                KubeconfigDestination.File => inv.Err.WriteLineAsync($"Wrote the kubeconfig of {request.Name} to {result.Path} (mode 0600)."),
                _ => inv.Err.WriteLineAsync($"Context \"{result.Context}\" {(result.ContextReplaced ? "updated in" : "added to")} {result.Path}; " +
                    $"use it with: kubectl --kubeconfig {result.Path} --context {result.Context} get nodes"),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The kubeconfig --merge writes to when it names none: the first file of $KUBECONFIG, else ~/.kube/config.</summary>
    private static string DefaultKubeconfig(CliHost host)
    {
        var list = host.GetEnvironmentVariable("KUBECONFIG");
        var first = list?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (!string.IsNullOrEmpty(first))
        {
            return first;
        }

        var home = host.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".kube", "config");
    }
}
