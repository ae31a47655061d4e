using System.Globalization;
using System.Text.Json.Nodes;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Scale;

/// <summary>
/// <c>scale</c>: sets <c>spec.config.workersNumber</c> / <c>controlPlaneNumber</c> with a merge patch (field manager
/// childctl, provenance stamped) and records <c>cluster_scaled</c> with the values before and after. Asking for the
/// counts the cluster already has changes and records nothing.
/// </summary>
public sealed class ScaleService
{
    private const string Action = "scale";
    private readonly ManagementApi _api;
    private readonly HistoryRecorder _history;

    public ScaleService(ManagementApi api, HistoryRecorder history)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _history = history ?? throw new ArgumentNullException(nameof(history));
    }

    public async Task<ScaleResult> ScaleAsync(ScaleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var current = Counts(await GetAsync(request, cancellationToken));
        if ((request.Workers is null || request.Workers == current.Workers) && (request.ControlPlanes is null || request.ControlPlanes == current.ControlPlanes))
        {
            return new ScaleResult(current.Workers, current.Workers, current.ControlPlanes, current.ControlPlanes, false, current.Cluster);
        }

        await _history.EnsureRecordableAsync(request.Namespace, request.Name, cancellationToken);
        try
        {
            var (before, after) = await SpecChange.ApplyAsync(_api, _history.Operation, Action, request.Namespace, request.Name, _ => Patch(request), cancellationToken);
            var result = new ScaleResult(
                before.ConfigInteger("workersNumber"), after.ConfigInteger("workersNumber"),
                before.ConfigInteger("controlPlaneNumber"), after.ConfigInteger("controlPlaneNumber"), true, after);
            await _history.RecordAsync(request.Namespace, request.Name, new OperationRecord(HistoryActions.ClusterScaled, after.Uid, SpecSnapshot.AddTo(Parameters(result), after),
                $"workers {Text(result.WorkersBefore)} → {Text(result.WorkersAfter)}, control planes {Text(result.ControlPlanesBefore)} → {Text(result.ControlPlanesAfter)}"),
                cancellationToken);
            return result;
        }
        catch (ChildctlException e) when (e.Kind != ErrorKind.NotFound)
        {
            await _history.RecordAsync(request.Namespace, request.Name,
                new OperationRecord(HistoryActions.ClusterScaleFailed, current.Cluster.Uid, Requested(request), Error: e.Message), cancellationToken);
            throw;
        }
    }

    private async Task<ClusterDeployments.ClusterDeployment> GetAsync(ScaleRequest request, CancellationToken cancellationToken) =>
        ClusterDeployments.ClusterDeploymentReader.Read(await _api.GetAsync(K0rdentKinds.ClusterDeployment, request.Namespace, request.Name, cancellationToken));

    private static (long? Workers, long? ControlPlanes, ClusterDeployments.ClusterDeployment Cluster) Counts(ClusterDeployments.ClusterDeployment cluster) =>
        (cluster.ConfigInteger("workersNumber"), cluster.ConfigInteger("controlPlaneNumber"), cluster);

    private static void Validate(ScaleRequest request)
    {
        if (request.Workers is null && request.ControlPlanes is null)
        {
            throw ChildctlException.InvalidInput("say what to scale: --workers N and/or --control-planes N");
        }

        if (request.Workers is < 0)
        {
            throw ChildctlException.InvalidInput($"--workers must be 0 or more (got {request.Workers})");
        }

        if (request.ControlPlanes is < 1)
        {
            throw ChildctlException.InvalidInput($"--control-planes must be at least 1 (got {request.ControlPlanes})");
        }
    }

    private static JsonObject Patch(ScaleRequest request)
    {
        var config = new JsonObject();
        if (request.Workers is { } workers)
        {
            config["workersNumber"] = workers;
        }

        if (request.ControlPlanes is { } controlPlanes)
        {
            config["controlPlaneNumber"] = controlPlanes;
        }

        return new JsonObject { ["config"] = config };
    }

    private static Dictionary<string, string> Parameters(ScaleResult r) => new(StringComparer.Ordinal)
    {
        ["workers_before"] = Text(r.WorkersBefore),
        ["workers_after"] = Text(r.WorkersAfter),
        ["control_planes_before"] = Text(r.ControlPlanesBefore),
        ["control_planes_after"] = Text(r.ControlPlanesAfter),
    };

    private static Dictionary<string, string> Requested(ScaleRequest r)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Workers is { } w)
        {
            p["workers_requested"] = w.ToString(CultureInfo.InvariantCulture);
        }

        if (r.ControlPlanes is { } c)
        {
            p["control_planes_requested"] = c.ToString(CultureInfo.InvariantCulture);
        }

        return p;
    }

    /// <summary>A count for history; "default" when the spec leaves it to the template.</summary>
    public static string Text(long? count) => count?.ToString(CultureInfo.InvariantCulture) ?? "default";
}
