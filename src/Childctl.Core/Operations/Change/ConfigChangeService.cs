using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.Core.Operations.Preflight;
using Childctl.Core.Operations.Wait;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Change;

/// <summary><c>set config NAME KEY=VALUE... [--unset KEY] [-f VALUES]</c>.</summary>
public sealed record SetConfigRequest(string Name, ConfigEdits Edits)
{
    /// <summary>Change it even on top of a change in flight, or to an even control-plane count (<see cref="ChangeGuard"/>); recorded as forced.</summary>
    public bool Force { get; init; }

    public TimeSpan? Wait { get; init; }

    public string? Reason { get; init; }
}

/// <summary>One spec value that a change set, removed or replaced: the flattened key (<c>spec.config.worker.vmSize</c>), before and after (null: not set).</summary>
public sealed record ValueChange(string Key, string? Before, string? After);

/// <summary>What <c>set config</c> or <c>edit</c> did: each value changed (none when the spec already said so) and the object after.</summary>
public sealed record ConfigChangeResult(string Namespace, string Name, IReadOnlyList<ValueChange> Changes, ClusterDeployment Cluster)
{
    public bool Changed => Changes.Count > 0;
}

/// <summary>
/// <c>set config</c> and <c>edit</c>: change a live cluster's spec with the checks <c>create</c> makes. The new spec goes
/// through <see cref="ChangeGuard"/> (no change on top of one in flight, no even control-plane count, nothing while
/// deleting; <c>--force</c> past the first two) and <see cref="ClusterSpecCheck"/> (template, credential fit, required
/// keys, the template's values schema) before anything is sent; then a merge patch of exactly the differences,
/// conditional on the resourceVersion read and stamped with provenance, as a <see cref="RecordedChange"/>:
/// <c>cluster_config_changed</c> with every value before and after (<c>before.spec.config.workersNumber</c>,
/// <c>after.…</c>) and the spec snapshot, so <c>audit</c> knows the new generation as childctl's own. A spec that
/// comes out the same changes and records nothing.
/// </summary>
public sealed partial class ConfigChangeService(Session session)
{
    private const string SetAction = "set-config";

    public async Task<ConfigChangeResult> SetAsync(SetConfigRequest request, IChangeObserver<ConfigChangeResult>? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Edits.Validate();
        var ns = session.OneNamespace("set config");
        var current = await ReadAsync(ns, request.Name, cancellationToken);
        var change = new PlannedChange(ns, current, request.Force, request.Reason, SetAction,
            cluster => WithConfig(SpecOf(cluster), request.Edits.ApplyTo(SpecOf(cluster)["config"] as JsonObject)));
        var forced = await CheckAsync(change, change.NewSpec(current), cancellationToken);
        return await FinishAsync(change, forced, request.Wait, observer, cancellationToken);
    }

    private Task<ClusterDeployment> ReadAsync(string ns, string name, CancellationToken cancellationToken) =>
        IncarnationTracker.GetAsync(session, ns, name, cancellationToken);

    /// <summary>Every check of the new spec, nothing sent: the guard, the upgrade path of a new template, then the pre-flight check.</summary>
    private async Task<IReadOnlyList<string>> CheckAsync(PlannedChange change, JsonObject spec, CancellationToken cancellationToken)
    {
        var current = change.Current;
        var oldSpec = SpecOf(current);
        if (JsonNode.DeepEquals(oldSpec, spec))
        {
            return [];
        }

        var controlPlanes = spec["config"]?["controlPlaneNumber"] is JsonValue cp && cp.TryGetValue<long>(out var n)
            && !JsonNode.DeepEquals(oldSpec["config"]?["controlPlaneNumber"], cp) ? n : (long?)null;
        var forced = ChangeGuard.Check(current, SpecChangeKind.Config, change.Force, controlPlanes);
        var template = spec["template"]?.GetValue<string>();
        if (template is not null && template != current.Template)
        {
            UpgradeService.CheckAllowed(current, new UpgradeRequest(current.Name, template));
        }

        var credential = spec["credential"] is JsonValue c && c.TryGetValue<string>(out var name) ? name : null;
        var manifest = new JsonObject { ["metadata"] = new JsonObject { ["name"] = current.Name, ["namespace"] = change.Namespace }, ["spec"] = spec.DeepClone() };
        await new ClusterSpecCheck(session.Api).CheckAsync(new SpecToCheck(change.Namespace, current.Name, null, template, credential), (_, _) => manifest, cancellationToken);
        return forced;
    }

    private async Task<ConfigChangeResult> FinishAsync(PlannedChange change, IReadOnlyList<string> forced, TimeSpan? wait, IChangeObserver<ConfigChangeResult>? observer, CancellationToken cancellationToken)
    {
        var current = change.Current;
        var result = JsonNode.DeepEquals(SpecOf(current), change.NewSpec(current))
            ? new ConfigChangeResult(change.Namespace, current.Name, [], current)
            : await PatchAsync(change, forced, cancellationToken);
        observer?.OnChanged(result);
        if (wait is { } timeout)
        {
            var since = result.Changed ? session.Recorder(change.Reason).Operation.StartedAt : (DateTimeOffset?)null;
            await new WaitService(session).WaitAsync(new WaitRequest(change.Namespace, current.Name, WaitGoal.Ready, timeout, since, current.Uid), observer, cancellationToken);
        }

        return result;
    }

    private async Task<ConfigChangeResult> PatchAsync(PlannedChange change, IReadOnlyList<string> forced, CancellationToken cancellationToken)
    {
        var (ns, current) = (change.Namespace, change.Current);
        var recorder = session.Recorder(change.Reason);
        var target = new RecordedChange.Target(ns, current.Name, ChangeActions.Config)
        {
            Uid = current.Uid,
            FailureParameters = ChangeGuard.Forced(Differences(SpecOf(current), change.NewSpec(current)), forced),
        };
        return await RecordedChange.RunAsync(session, target, async recorded =>
        {
            var (before, after) = await SpecChange.ApplyAsync(session.Api, recorded, recorder.Operation, change.Action, ns, current.Name, read =>
            {
                if (read.ResourceVersion != current.ResourceVersion && !change.Recomputable)
                {
                    throw ChildctlException.Conflict($"ClusterDeployment \"{current.Name}\" in namespace \"{ns}\" changed since it was read: nothing changed; run the command again");
                }

                return ConfigEdits.MergePatch(SpecOf(read), change.NewSpec(read));
            }, read => ChangeGuard.Forced(Differences(SpecOf(read), change.NewSpec(read)), forced), cancellationToken);
            var changes = Changes(before, after);
            var parameters = SpecSnapshot.AddTo(ChangeGuard.Forced(Parameters(changes), forced), after);
            var message = string.Join(", ", changes.Select(d => $"{d.Key} {d.Before ?? "<unset>"} → {d.After ?? "<unset>"}")) + (forced.Count > 0 ? " (forced)" : string.Empty);
            return (new ConfigChangeResult(ns, current.Name, changes, after), (OperationRecord?)new OperationRecord(HistoryActions.ClusterConfigChanged, after.Uid, parameters, message));
        }, cancellationToken);
    }

    /// <summary>The spec as served, without the fields the API server or k0rdent fill in that a user does not write.</summary>
    internal static JsonObject SpecOf(ClusterDeployment cluster) =>
        JsonPath.Find(cluster.Raw, "spec") is { ValueKind: JsonValueKind.Object } spec ? (JsonNode.Parse(spec.GetRawText()) as JsonObject)! : [];

    private static JsonObject WithConfig(JsonObject spec, JsonObject config)
    {
        spec["config"] = config;
        return spec;
    }

    /// <summary>Every flattened spec value (and <c>spec.dryRun</c>) that differs between two objects, in key order.</summary>
    private static List<ValueChange> Changes(ClusterDeployment before, ClusterDeployment after)
    {
        var (old, now) = (SpecSnapshot.Of(before), SpecSnapshot.Of(after));
        old["spec.dryRun"] = before.DryRun ? "true" : "false";
        now["spec.dryRun"] = after.DryRun ? "true" : "false";
        return old.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(k => old.GetValueOrDefault(k) != now.GetValueOrDefault(k))
            .Select(k => new ValueChange(k, old.GetValueOrDefault(k), now.GetValueOrDefault(k)))
            .ToList();
    }

    /// <summary>The requested differences, for the record of a failed change: what was asked for, before anything was sent.</summary>
    private static Dictionary<string, string> Differences(JsonObject before, JsonObject after) =>
        new(StringComparer.Ordinal) { ["requested"] = ConfigEdits.MergePatch(before, after).ToJsonString() };

    private static Dictionary<string, string> Parameters(IEnumerable<ValueChange> changes)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            parameters["before." + change.Key] = change.Before ?? "<unset>";
            parameters["after." + change.Key] = change.After ?? "<unset>";
        }

        return parameters;
    }

    /// <summary>
    /// A change being made: the cluster as read, how to compute the new spec from any read of it (so a write that
    /// raced in between is kept when <see cref="Recomputable"/>), and the operation's options.
    /// </summary>
    private sealed record PlannedChange(string Namespace, ClusterDeployment Current, bool Force, string? Reason, string Action, Func<ClusterDeployment, JsonObject> NewSpec)
    {
        /// <summary>Whether the new spec may be recomputed from a newer read: true for key edits, false for a whole edited spec.</summary>
        public bool Recomputable { get; init; } = true;
    }
}
