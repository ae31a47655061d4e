using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.History;

namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>Where <c>childctl kubeconfig</c> puts the child's kubeconfig.</summary>
public enum KubeconfigDestination
{
    /// <summary>Printed on stdout (the default).</summary>
    Stdout,

    /// <summary>A new file, 0600; an existing one only with --force.</summary>
    File,

    /// <summary>Merged into an existing kubeconfig as a context named after the cluster.</summary>
    Merge,
}

/// <summary>
/// A kubeconfig retrieval: which cluster, where to, the target path (for File; for Merge an explicit file, or null for the
/// kubeconfig files in use), --force, and for Merge --use (make the context current; never otherwise).
/// </summary>
public sealed record KubeconfigRequest(string Name, KubeconfigDestination Destination, string? Path, bool Force)
{
    public bool Use { get; init; }
}

/// <summary>
/// The outcome: for Stdout the content to print (never logged or recorded), for File/Merge the path written and, for
/// Merge, the context name added or updated (<see cref="ContextReplaced"/>: it existed and was replaced).
/// </summary>
public sealed record KubeconfigResult(KubeconfigDestination Destination, string? Content, string? Path, string? Context)
{
    public bool ContextReplaced { get; init; }

    /// <summary>For Merge: whether the context was made current (--use).</summary>
    public bool MadeCurrent { get; init; }

    /// <summary>For Merge: every file written (an entry is changed in the file that defines it).</summary>
    public IReadOnlyList<string> FilesWritten { get; init; } = [];
}

/// <summary>
/// <c>kubeconfig NAME</c>: reads the child's kubeconfig from Secret <c>&lt;name&gt;-kubeconfig</c> (key <c>value</c>)
/// and hands it to stdout, writes it to a 0600 file, or merges it into a kubeconfig. Before the control plane is up the
/// Secret does not exist: that is "not available yet" (NotFound, with the phase), not an error of the cluster. A
/// recorded change: <c>kubeconfig_retrieved</c> with the destination only, never the content, or
/// <c>kubeconfig_retrieve_failed</c>.
/// </summary>
public sealed class KubeconfigService(Session session)
{
    public async Task<KubeconfigResult> GetAsync(KubeconfigRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ns = session.OneNamespace("kubeconfig");
        var api = session.Api;
        var cluster = await IncarnationTracker.GetAsync(session, ns, request.Name, cancellationToken);
        var target = new RecordedChange.Target(ns, request.Name, HistoryActions.KubeconfigRetrieveFailed) { Uid = cluster.Uid, FailureParameters = Parameters(request, null) };
        return await RecordedChange.RunAsync(session, target, async _ =>
        {
            var content = await api.ReadKubeconfigAsync(ns, request.Name, cancellationToken) ?? throw NotAvailable(cluster, ns, request.Name);
            var result = await DeliverAsync(request, content, new KubeconfigMerger.Origin(session.Cluster.ClusterName, ns, request.Name), cancellationToken);
            return (result, (OperationRecord?)new OperationRecord(HistoryActions.KubeconfigRetrieved, cluster.Uid, Parameters(request, result)));
        }, cancellationToken);
    }

    private static ChildctlException NotAvailable(ClusterDeployment cluster, string ns, string name)
    {
        var phase = PhaseRule.Evaluate(cluster);
        var what = $"the kubeconfig of ClusterDeployment \"{name}\" in namespace \"{ns}\"";
        if (cluster.StatusRegion is { } region)
        {
            return ChildctlException.NotFound(
                $"{what} is not on this management cluster: its Credential is regional (region \"{region}\"), so k0rdent keeps the " +
                $"CAPI objects and the Secret {name}-kubeconfig on the regional cluster; read it there");
        }

        return ChildctlException.NotFound(phase.Phase switch
        {
            ClusterPhase.DryRun => $"{what} does not exist: the cluster is a k0rdent dry run (spec.dryRun), validated but never deployed",
            ClusterPhase.Failed => $"{what} is not available: k0rdent reports the cluster Failed ({phase.Reason}); 'childctl status {name}' shows why",
            ClusterPhase.Deleting => $"{what} is not available: the cluster is being deleted ({phase.Reason})",
            _ => $"{what} is not available yet (phase {phase.Phase}: {phase.Reason}); it appears once the control plane is up: try 'childctl wait {name}'",
        });
    }

    private static Dictionary<string, string> Parameters(KubeconfigRequest request, KubeconfigResult? result)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["destination"] = request.Destination.ToString().ToLowerInvariant() };
        if ((result?.Path ?? request.Path) is { } path)
        {
            parameters["path"] = path;
        }

        if (result?.Context is { } context)
        {
            parameters["context"] = context;
        }

        return parameters;
    }

    /// <summary>
    /// <c>kubeconfig NAME --forget</c>: removes the context, cluster and user that a merge added for NAME (only entries that
    /// carry the merge's marker), from the files they are in. Needs no API and records nothing: no cluster changes.
    /// </summary>
    public Task<ForgetResult> ForgetAsync(string name, string? path, CancellationToken cancellationToken) =>
        MergedKubeconfigs.ForgetAsync(Files(path), name, cancellationToken);

    private KubeconfigFiles Files(string? path) => KubeconfigFiles.For(path, session.Options.KubeconfigPath, session.Options.Environment);

    private async Task<KubeconfigResult> DeliverAsync(KubeconfigRequest request, string content, KubeconfigMerger.Origin origin, CancellationToken cancellationToken)
    {
        switch (request.Destination)
        {
            case KubeconfigDestination.File:
                var file = System.IO.Path.GetFullPath(request.Path!);
                await PrivateFile.WriteAsync(file, content, request.Force, cancellationToken);
                return new KubeconfigResult(request.Destination, null, file, null);
            case KubeconfigDestination.Merge:
                var merged = await MergedKubeconfigs.MergeAsync(Files(request.Path), content, request.Name, origin, request.Use, request.Force, cancellationToken);
                return new KubeconfigResult(request.Destination, null, merged.ContextFile, request.Name)
                {
                    ContextReplaced = merged.ContextReplaced,
                    MadeCurrent = merged.MadeCurrent,
                    FilesWritten = merged.FilesWritten,
                };
            default:
                return new KubeconfigResult(request.Destination, content, null, null);
        }
    }
}
