using System.CommandLine;

namespace Childctl.Cli.Output;

/// <summary>
/// The examples and exit codes of each command's help, by command path, in one table so that they read alike (a
/// comment saying what for, then the command line). A command may also declare its own with <c>.Examples(…)</c> and
/// <c>.ExitCodes(…)</c> where it is built (<see cref="CommandHelp"/>); both end up in the same help sections.
/// </summary>
internal static class CommandExamples
{
    private const int Ok = ExitCodes.Success;
    private const int Error = ExitCodes.General;
    private const int Usage = ExitCodes.InvalidInput;
    private const int NotFound = ExitCodes.NotFound;
    private const int Timeout = ExitCodes.WaitTimedOut;
    private const int Failed = ExitCodes.ClusterFailed;
    private const int Partial = ExitCodes.PartialFailure;
    private const int Interrupted = ExitCodes.Interrupted;

    private static readonly int[] Wait = [Timeout, Failed, Interrupted];

    private static readonly string[] SetConfig =
    [
        "# Three workers and a bigger worker machine, checked as create checks them", "childctl set config my-cluster workersNumber=3 worker.instanceType=t3.large",
        "# Merge a values file and remove a key, recording why", "childctl set config my-cluster -f values.yaml --unset worker.rootVolumeSize --reason \"ticket 42\"",
        "# Fix a failed cluster's config and wait until it is Ready", "childctl set config my-cluster location=eastus --wait --timeout 30m",
    ];

    private static readonly Dictionary<string, (string[] Examples, int[] Codes)> Table = new(StringComparer.Ordinal)
    {
        [""] = ([
            "# See every cluster and its phase, then why one failed", "childctl list -A", "childctl status my-cluster",
            "# Explain a command", "childctl help create azure"], [Ok, Usage]),
        ["list"] = ([
            "# The failed clusters in every namespace, newest first", "childctl list -A --phase Failed --sort-by .metadata.creationTimestamp",
            "# Production clusters with their env and team labels as columns", "childctl list -l env=prod -L env,team",
            "# The list, then a row per change until Ctrl-C (as kubectl get -w)", "childctl list -w -A --phase Provisioning,Failed",
            "# Namespace, name and derived phase of each cluster, for a script",
            "childctl list -A -o jsonpath='{range .items[*]}{.metadata.namespace} {.metadata.name} {.childctl.phase}{\"\\n\"}{end}'"], CommandHelp.Api),
        ["status"] = ([
            "# Conditions, services, Events and recent history of one cluster", "childctl status my-cluster",
            "# Whether its Ready can be trusted, for a script (true or false)", "childctl status my-cluster -o jsonpath='{.childctl.ready}'",
            "# The Cluster API objects behind it, as clusterctl describe shows them", "childctl status my-cluster --tree"], CommandHelp.Api),
        ["templates"] = ([
            "# The templates to create from, with their upgrade targets", "childctl templates",
            "# Every namespace's valid templates by name", "childctl templates -A -o custom-columns=NAME:.metadata.name,VALID:.status.valid"], CommandHelp.Api),
        ["credentials"] = ([
            "# The Credentials clusters can use", "childctl credentials",
            "# With their identities and messages, in every namespace", "childctl credentials -A -o wide"], CommandHelp.Api),
        ["create"] = ([
            "# From a manifest (YAML or JSON; - for stdin)", "childctl create -f cluster.yaml --reason \"ticket 42\"",
            "# An Azure cluster, waiting until it is Ready", "childctl create azure dev-1 --location eastus --subscription-id SUB --wait",
            "# Check a manifest with the API server and create nothing", "childctl create -f cluster.yaml --dry-run",
            "# Every manifest in a folder as one plan, without asking, waiting for all (exit 8 when some fail)", "childctl create -f clusters/ --yes --wait"],
            [.. CommandHelp.Api, .. Wait, Partial]),
        ["create azure"] = ([
            "# A cluster in West Europe with 5 workers, waiting until it is Ready",
            "childctl create azure dev-1 --location westeurope --subscription-id SUB --worker-number 5 --wait",
            "# See the manifest it would create", "childctl create azure dev-1 --location eastus --subscription-id SUB --dry-run"], [.. CommandHelp.Api, .. Wait]),
        ["create aws"] = ([
            "# A cluster in us-west-2 with labels", "childctl create aws a1 --region us-west-2 --cluster-labels env=dev,team=ops",
            "# Validate with k0rdent but deploy nothing", "childctl create aws a1 --region us-west-2 --k0rdent-dry-run"], [.. CommandHelp.Api, .. Wait]),
        ["create gcp"] = ([
            "# A cluster in us-east4, waiting up to an hour", "childctl create gcp g1 --region us-east4 --project my-project --wait --timeout 1h",
            "# See the manifest as JSON", "childctl create gcp g1 --region us-east4 --project my-project --dry-run -o json"], [.. CommandHelp.Api, .. Wait]),
        ["wait"] = ([
            "# Until the cluster is Ready, at most 20 minutes", "childctl wait my-cluster --timeout 20m",
            "# Until a deleted cluster is gone", "childctl wait my-cluster --for deleted",
            "# Every dev cluster at once, one progress view (exit 8 when some do not make it)", "childctl wait -l env=dev --timeout 30m"],
            [.. CommandHelp.Api, .. Wait, Partial]),
        ["watch"] = ([
            "# Phase changes of every cluster in the namespace, until Ctrl-C", "childctl watch",
            "# One cluster, until it is gone or fails", "childctl watch my-cluster",
            "# Failures anywhere, as JSON lines for a script", "childctl watch -A --phase Failed -o json"], [.. CommandHelp.Api, Failed, Interrupted]),
        ["kubeconfig"] = ([
            "# Write the child cluster's kubeconfig to a private file", "childctl kubeconfig my-cluster -f my-cluster.kubeconfig",
            "# Add it as a context to ~/.kube/config", "childctl kubeconfig my-cluster --merge"], CommandHelp.Api),
        ["scale"] = ([
            "# Five workers, waiting until k0rdent reports the cluster Ready again", "childctl scale my-cluster --workers 5 --wait",
            "# Record why", "childctl scale my-cluster --workers 2 --reason \"weekend\""], [.. CommandHelp.Api, .. Wait]),
        ["upgrade"] = ([
            "# The templates this cluster may move to", "childctl upgrade my-cluster --list",
            "# Move to one of them and wait", "childctl upgrade my-cluster --to azure-standalone-cp-1-0-46 --wait",
            "# Every cluster that has an upgrade, in every namespace", "childctl upgrade --list -A",
            "# Move the dev clusters to their newest template: plan first, then without asking, and wait", "childctl upgrade -l env=dev --latest --dry-run",
            "childctl upgrade -l env=dev --latest --yes --wait"], [.. CommandHelp.Api, .. Wait, Partial]),
        ["set"] = (SetConfig[..4], [.. CommandHelp.Api, .. Wait]),
        ["set config"] = (SetConfig, [.. CommandHelp.Api, .. Wait]),
        ["edit"] = ([
            "# The cluster's spec in your editor; saved, it is checked as create checks it", "childctl edit my-cluster",
            "# With another editor, recording why, and wait until it is Ready again", "KUBE_EDITOR=nano childctl edit my-cluster --reason \"fix location\" --wait"],
            [.. CommandHelp.Api, .. Wait]),
        ["events"] = ([
            "# One cluster's Kubernetes Events (its current incarnation)", "childctl events my-cluster",
            "# Every cluster's, in every namespace", "childctl events -A",
            "# Keep following them, until Ctrl-C", "childctl events my-cluster -w"], [.. CommandHelp.Api, Interrupted]),
        ["delete"] = ([
            "# Two clusters, asking first", "childctl delete old-1 old-2",
            "# The plan of a bulk delete, as JSON for review", "childctl delete -l env=dev --dry-run -o json",
            "# Every failed cluster in every namespace, without asking, until gone", "childctl delete -A --phase Failed --yes --wait"],
            [.. CommandHelp.Api, Timeout, Partial, Interrupted]),
        ["sandbox"] = ([
            "# A local management cluster with 50 clusters, 100 times faster than a cloud",
            "childctl sandbox up --detach --clusters 50 --speed 100", "childctl sandbox status", "childctl sandbox down"], [Ok, Error, Usage]),
        ["sandbox up"] = ([
            "# In the background, with a fixed world", "childctl sandbox up --detach --clusters 20 --seed 7",
            "# In the foreground until Ctrl-C, on a chosen port", "childctl sandbox up --port 6443"], [Ok, Error, Usage, Interrupted]),
        ["sandbox down"] = (["# Stop the background sandbox", "childctl sandbox down"], [Ok, Error]),
        ["sandbox status"] = (["# Whether it runs, its URL and kubeconfig", "childctl sandbox status", "childctl sandbox status -o json"], [Ok, Error]),
        ["demo"] = (["# A whole lifecycle against an in-process sandbox", "childctl demo"], [Ok, Error]),
        ["version"] = (["# The version of this binary", "childctl version", "childctl version -o json"], [Ok]),
        ["history"] = ([
            "# One cluster's timeline, grouped by incarnation", "childctl history my-cluster",
            "# Every delete of the last week", "childctl history --since 7d --action cluster_deleted",
            "# As JSON, for a script", "childctl history my-cluster -o json",
            "# What the operation in a cluster's childctl.dev/operation annotation did", "childctl history -A --operation 01JZ8Q6W3X"], [Ok, Error, Usage, NotFound]),
        ["note"] = (["# Leave a note in a cluster's history", "childctl note my-cluster \"rotated the credentials\""], [Ok, Error, Usage, NotFound]),
        ["audit"] = ([
            "# What changed in k0rdent that history does not know", "childctl audit -A",
            "# Record it as observed events", "childctl audit -A --record"], [.. CommandHelp.Api, ExitCodes.AuditFindings]),
        ["migrate"] = ([
            "# See what the legacy state folder holds, then import it", "childctl migrate --from ./state --dry-run", "childctl migrate --from ./state"],
            [Ok, Error, Usage]),
        ["completion"] = ([
            "# Completion in the current bash", "source <(childctl completion bash)",
            "# For zsh, where compinit finds it", "childctl completion zsh > \"${fpath[1]}/_childctl\""], [Ok, Usage]),
        ["install"] = ([
            "# The NativeAOT binaries, completion and the kubectl plugin into ~/.local/bin", "childctl install",
            "# Elsewhere, with zsh completion", "childctl install --prefix /opt/childctl --shell zsh"], [Ok, Error, Usage]),
        ["help"] = (["# The overview, then one command", "childctl help", "childctl help create azure"], [Ok, Usage]),
    };

    /// <summary>Declares the table's examples and exit codes on the commands of the tree under <paramref name="root"/>.</summary>
    public static void ApplyTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Apply(root, string.Empty);
    }

    private static void Apply(Command command, string path)
    {
        if (Table.TryGetValue(path, out var entry))
        {
            command.Examples(entry.Examples).ExitCodes(entry.Codes);
        }

        foreach (var sub in command.Subcommands)
        {
            Apply(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}");
        }
    }
}
