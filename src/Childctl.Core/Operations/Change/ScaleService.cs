using System.Globalization;
using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.Core.Operations.Wait;

namespace Childctl.Core.Operations.Change;

/// <summary><c>scale NAME --workers N [--control-planes N]</c>; <see cref="Wait"/> then waits until k0rdent reports the scaled cluster Ready.</summary>
public sealed record ScaleRequest(string Name, int? Workers, int? ControlPlanes)
{
    public TimeSpan? Wait { get; init; }

    /// <summary>Scale even when <see cref="ChangeGuard"/> would refuse (a change in flight, Failed, dry run, an even control-plane count); recorded as forced.</summary>
    public bool Force { get; init; }

    public string? Reason { get; init; }
}

/// <summary>The counts before and after (null when the spec did not set them, i.e. the template default), and the object after.</summary>
public sealed record ScaleResult(string Namespace, long? WorkersBefore, long? WorkersAfter, long? ControlPlanesBefore, long? ControlPlanesAfter, bool Changed, ClusterDeployment Cluster);

/// <summary>
/// <c>scale</c>: sets <c>spec.config.workersNumber</c> / <c>controlPlaneNumber</c> with a merge patch (field manager
/// childctl, provenance stamped) and records <c>cluster_scaled</c> with the values before and after. Asking for the
/// counts the cluster already has changes and records nothing. Before the patch, <see cref="ChangeGuard"/> refuses
/// (exit 2) a scale on top of a change in flight, of a Failed or dry-run cluster, or to an even control-plane count,
/// unless <see cref="ScaleRequest.Force"/>; what was forced is recorded.
/// </summary>
public sealed class ScaleService(Session session)
{
    private const string Action = "scale";

    public async Task<ScaleResult> ScaleAsync(ScaleRequest request, IChangeObserver<ScaleResult>? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var ns = session.OneNamespace("scale");
        var current = await IncarnationTracker.GetAsync(session, ns, request.Name, cancellationToken);
        var (workers, controlPlanes) = (current.ConfigInteger("workersNumber"), current.ConfigInteger("controlPlaneNumber"));
        ScaleResult result;
        if ((request.Workers is null || request.Workers == workers) && (request.ControlPlanes is null || request.ControlPlanes == controlPlanes))
        {
            result = new ScaleResult(ns, workers, workers, controlPlanes, controlPlanes, false, current);
        }
        else
        {
            var forced = Guard(current, request);
            var recorder = session.Recorder(request.Reason);
            var target = new RecordedChange.Target(ns, request.Name, ChangeActions.Scale) { Uid = current.Uid, FailureParameters = ChangeGuard.Forced(Requested(request), forced) };
            result = await RecordedChange.RunAsync(session, target, async change =>
            {
                var (before, after) = await SpecChange.ApplyAsync(session.Api, change, recorder.Operation, Action, ns, request.Name, read =>
                    {
                        forced = Guard(read, request);
                        return Patch(request);
                    },
                    before => ChangeGuard.Forced(new Dictionary<string, string>(Requested(request), StringComparer.Ordinal)
                    {
                        ["workers_before"] = Text(before.ConfigInteger("workersNumber")),
                        ["control_planes_before"] = Text(before.ConfigInteger("controlPlaneNumber")),
                    }, forced), cancellationToken);
                var scaled = new ScaleResult(ns,
                    before.ConfigInteger("workersNumber"), after.ConfigInteger("workersNumber"),
                    before.ConfigInteger("controlPlaneNumber"), after.ConfigInteger("controlPlaneNumber"), true, after);
                var message = $"workers {Text(scaled.WorkersBefore)} → {Text(scaled.WorkersAfter)}, control planes {Text(scaled.ControlPlanesBefore)} → {Text(scaled.ControlPlanesAfter)}";
                var parameters = SpecSnapshot.AddTo(ChangeGuard.Forced(Parameters(scaled), forced), after);
                return (scaled, (OperationRecord?)new OperationRecord(HistoryActions.ClusterScaled, after.Uid, parameters, forced.Count > 0 ? message + " (forced)" : message));
            }, cancellationToken);
        }

        observer?.OnChanged(result);
        cancellationToken.ThrowIfCancellationRequested(); // a Ctrl-C during the write: it is recorded and shown, and the command stops
        if (request.Wait is { } timeout)
        {
            var since = result.Changed ? session.Recorder(request.Reason).Operation.StartedAt : (DateTimeOffset?)null;
            await new WaitService(session).WaitAsync(new WaitRequest(ns, request.Name, WaitGoal.Ready, timeout, since, result.Cluster.Uid), observer, cancellationToken);
        }

        return result;
    }

    /// <summary>The in-flight, state and quorum checks of <see cref="ChangeGuard"/>, for the counts asked for.</summary>
    private static IReadOnlyList<string> Guard(ClusterDeployment cluster, ScaleRequest request) =>
        ChangeGuard.Check(cluster, SpecChangeKind.Scale, request.Force, request.ControlPlanes);

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
