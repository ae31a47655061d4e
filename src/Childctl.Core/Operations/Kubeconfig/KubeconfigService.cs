using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>
/// <c>kubeconfig NAME</c>: reads the child's kubeconfig from Secret <c>&lt;name&gt;-kubeconfig</c> (key <c>value</c>)
/// and hands it to stdout, writes it to a 0600 file, or merges it into a kubeconfig. Before the control plane is up
/// the Secret does not exist: that is "not available yet" (NotFound, with the phase), not an error of the cluster.
/// Records <c>kubeconfig_retrieved</c> with the destination only, never the content.
/// </summary>
public sealed class KubeconfigService
{
    private readonly ManagementApi _api;
    private readonly HistoryRecorder _history;

    public KubeconfigService(ManagementApi api, HistoryRecorder history)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _history = history ?? throw new ArgumentNullException(nameof(history));
    }

    public async Task<KubeconfigResult> GetAsync(KubeconfigRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cluster = ClusterDeploymentReader.Read(await _api.GetAsync(K0rdentKinds.ClusterDeployment, request.Namespace, request.Name, cancellationToken));
        var content = await _api.ReadKubeconfigAsync(request.Namespace, request.Name, cancellationToken);
        if (content is null)
        {
            var phase = PhaseRule.Evaluate(cluster);
            var what = $"the kubeconfig of ClusterDeployment \"{request.Name}\" in namespace \"{request.Namespace}\"";
            if (cluster.StatusRegion is { } region)
            {
                throw ChildctlException.NotFound(
                    $"{what} is not on this management cluster: its Credential is regional (region \"{region}\"), so k0rdent keeps the " +
                    $"CAPI objects and the Secret {request.Name}-kubeconfig on the regional cluster; read it there");
            }

            throw ChildctlException.NotFound(phase.Phase switch
            {
                ClusterPhase.DryRun => $"{what} does not exist: the cluster is a k0rdent dry run (spec.dryRun), validated but never deployed",
                ClusterPhase.Failed => $"{what} is not available: k0rdent reports the cluster Failed ({phase.Reason}); 'childctl status {request.Name}' shows why",
                ClusterPhase.Deleting => $"{what} is not available: the cluster is being deleted ({phase.Reason})",
                _ => $"{what} is not available yet (phase {phase.Phase}: {phase.Reason}); it appears once the control plane is up: try 'childctl wait {request.Name}'",
            });
        }

        await _history.EnsureRecordableAsync(request.Namespace, request.Name, cancellationToken);
        var result = await DeliverAsync(request, content, cancellationToken);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["destination"] = request.Destination.ToString().ToLowerInvariant() };
        if (result.Path is { } path)
        {
            parameters["path"] = path;
        }

        if (result.Context is { } context)
        {
            parameters["context"] = context;
        }

        await _history.RecordAsync(request.Namespace, request.Name,
            new OperationRecord(HistoryActions.KubeconfigRetrieved, cluster.Uid, parameters), cancellationToken);
        return result;
    }

    private static async Task<KubeconfigResult> DeliverAsync(KubeconfigRequest request, string content, CancellationToken cancellationToken)
    {
        switch (request.Destination)
        {
            case KubeconfigDestination.File:
                var file = System.IO.Path.GetFullPath(request.Path!);
                await PrivateFile.WriteAsync(file, content, request.Force, cancellationToken);
                return new KubeconfigResult(request.Destination, null, file, null);
            case KubeconfigDestination.Merge:
                var target = System.IO.Path.GetFullPath(request.Path!);
                PrivateFile.RefuseFolder(target);
                var existing = File.Exists(target) ? await File.ReadAllTextAsync(target, cancellationToken) : null;
                var replaced = KubeconfigMerger.HasContext(existing, request.Name);
                var merged = KubeconfigMerger.Merge(existing, content, request.Name);
                await PrivateFile.WriteAsync(target, merged, overwrite: true, cancellationToken);
                return new KubeconfigResult(request.Destination, null, target, request.Name) { ContextReplaced = replaced };
            default:
                return new KubeconfigResult(request.Destination, content, null, null);
        }
    }
}
