using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// Keeps a cluster's CAPI objects in the store as <see cref="CapiObjects"/> wants them: creates what is missing,
/// updates what changed (spec and metadata, then status), marks the Cluster deleted during the teardown and removes
/// what is no longer wanted. A reconcile whose inputs (topology, summary, spec, template) are those last written
/// builds nothing; an object not written by this controller is compared with the store first, so writing what is
/// already there writes nothing. Best effort like the Event recorder: a write refused because the namespace is going
/// away, or raced by another write, is dropped and tried again at the next change.
/// </summary>
internal static class CapiWriter
{
    /// <summary>The finalizer Cluster API puts on a Cluster, so that a deleted Cluster shows its teardown.</summary>
    public const string ClusterFinalizer = "cluster.cluster.x-k8s.io";

    /// <param name="seeding">Objects written by the seeder get no fingerprint of their own (it would cost the seeding time).</param>
    public static void Sync(IObjectStore store, ReconcileContext ctx, CapiState state, DateTimeOffset now, DateTimeOffset? createdAt = null, bool seeding = false)
    {
        var topology = ClusterTopology.Of(ctx.Capi);
        var inputs = Inputs(ctx, topology);
        if (state.Inputs == inputs)
        {
            return;
        }

        var desired = CapiObjects.Desired(ctx, topology);
        var uids = new Dictionary<(ResourceType, string), string> { [(ResourceType.ClusterDeployment, ctx.Name)] = JsonAccess.Uid(ctx.Cluster) };
        var complete = true;
        foreach (var d in desired)
        {
            var key = (d.Type, d.Name);
            var fingerprint = seeding ? CapiState.Unknown : d.Fingerprint();
            if (state.Objects.TryGetValue(key, out var last) && last == fingerprint && !seeding)
            {
                continue;
            }

            if (Write(store, ctx.Namespace, d, uids, now, createdAt))
            {
                state.Objects[key] = fingerprint;
            }
            else
            {
                state.Objects.Remove(key);
                complete = false;
            }
        }

        RemoveUnwanted(store, ctx.Namespace, state, desired);
        state.Inputs = complete ? inputs : null;
    }

    private static void RemoveUnwanted(IObjectStore store, string ns, CapiState state, List<DesiredObject> desired)
    {
        var wanted = desired.Select(d => (d.Type, d.Name)).ToHashSet();
        foreach (var stale in state.Objects.Keys.Where(k => !wanted.Contains(k)).ToList())
        {
            Remove(store, ns, stale.Type, stale.Name);
            state.Objects.Remove(stale);
        }
    }

    /// <summary>Removes every object remembered for a cluster that is gone.</summary>
    public static void RemoveAll(IObjectStore store, string ns, CapiState state)
    {
        foreach (var (type, name) in state.Objects.Keys.Reverse().ToList())
        {
            Remove(store, ns, type, name);
        }

        state.Objects.Clear();
        state.Inputs = null;
    }

    /// <summary>Everything the objects are built from, hashed: cheap enough to compute on every reconcile.</summary>
    private static int Inputs(ReconcileContext ctx, ClusterTopology t)
    {
        var c = ctx.Capi;
        var summary = ctx.Sim.DeletionPlan is null && t.ClusterExists ? CapiMessages.Summary(c) : null;
        var release = StatusBuilder.HelmRelease(ctx);
        var machines = string.Join(';', t.Machines.Select(m => $"{m.Name},{m.Phase},{m.HasNode},{m.Draining},{m.Version},{m.Problem}"));
        var template = ctx.Template is { } tpl ? $"{tpl.Namespace}/{tpl.Name}/{tpl.Chart}/{tpl.ChartVersion}/{tpl.K0sVersion}" : "";
        var deletion = ctx.Sim.DeletionPlan is { } plan ? $"{string.Join(',', plan)}@{ctx.Sim.DeletionIndex}" : "";
        var text = string.Join('\n', c.Namespace, c.Name, c.Uid, c.Config, c.Profile?.Name, c.Version, c.PreviousVersion, template,
            t.ClusterExists, t.ClusterDeleting, t.InfrastructureReady, t.ControlPlaneInitialized, machines,
            summary?.Status, summary?.Message, release.Status, release.Reason, release.Message, ctx.Sim.Revision, ctx.Sim.Current, deletion,
            c.Failure, JsonAccess.At(ctx.Cluster, "spec", "config")?.ToJsonString(), JsonAccess.At(ctx.Cluster, "metadata", "labels")?.ToJsonString(), c.Machines.MachineSet);
        return text.GetHashCode(StringComparison.Ordinal);
    }

    private static bool Write(IObjectStore store, string ns, DesiredObject d, Dictionary<(ResourceType, string), string> uids, DateTimeOffset now, DateTimeOffset? createdAt)
    {
        try
        {
            var existing = store.Get(d.Type, ns, d.Name);
            var status = Status(d, existing?["status"] as JsonObject, now);
            var (uid, terminating) = existing is null ? Create(store, ns, d, status, uids, createdAt) : Update(store, existing, d, status, uids);
            uids[(d.Type, d.Name)] = uid;
            if (d.Deleting && !terminating)
            {
                store.Delete(d.Type, ns, d.Name);
            }

            return true;
        }
        catch (StoreException e) when (e.Code is 403 or 404 or 409)
        {
            return false; // the namespace is terminating, or the object changed or went meanwhile
        }
    }

    private static (string Uid, bool Terminating) Create(IObjectStore store, string ns, DesiredObject d, JsonObject status, Dictionary<(ResourceType, string), string> uids, DateTimeOffset? createdAt)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = d.Type.ApiVersion,
            ["kind"] = d.Type.Kind,
            ["metadata"] = Metadata(store, ns, d, uids),
            ["spec"] = d.Spec.DeepClone(),
            ["status"] = status,
        };
        if (store is ObjectStore objects)
        {
            // the in-memory store keeps a created object's status; its own answer saves re-reading 40,000 seeded objects
            return (objects.CreateCore(d.Type, obj, new WriteOptions(WellKnown.FieldManager, CreatedAt: createdAt)).Uid, false);
        }

        var created = createdAt is { } at ? store.CreateBackdated(d.Type, obj, at, WellKnown.FieldManager) : store.Create(d.Type, obj, WellKnown.FieldManager);
        if (!JsonNode.DeepEquals(created["status"], status))
        {
            created["status"] = status.DeepClone(); // a store that drops status on create, as kube-apiserver does
            created = store.UpdateStatus(d.Type, created, WellKnown.FieldManager);
        }

        return (JsonAccess.Uid(created), false);
    }

    private static (string Uid, bool Terminating) Update(IObjectStore store, JsonObject existing, DesiredObject d, JsonObject status, Dictionary<(ResourceType, string), string> uids)
    {
        var meta = JsonAccess.Metadata(existing);
        var wantedMeta = Metadata(store, JsonAccess.Namespace(existing), d, uids);
        var sameBody = JsonNode.DeepEquals(existing["spec"], d.Spec)
            && JsonNode.DeepEquals(meta["labels"], wantedMeta["labels"])
            && JsonNode.DeepEquals(meta["ownerReferences"], wantedMeta["ownerReferences"]);
        if (!sameBody)
        {
            meta["labels"] = wantedMeta["labels"]!.DeepClone();
            meta["ownerReferences"] = wantedMeta["ownerReferences"]?.DeepClone();
            existing["spec"] = d.Spec.DeepClone();
            existing = store.Update(d.Type, existing, WellKnown.FieldManager);
        }

        if (!JsonNode.DeepEquals(existing["status"], status))
        {
            existing["status"] = status;
            existing = store.UpdateStatus(d.Type, existing, WellKnown.FieldManager);
        }

        return (JsonAccess.Uid(existing), JsonAccess.IsTerminating(existing));
    }

    private static JsonObject Metadata(IObjectStore store, string ns, DesiredObject d, Dictionary<(ResourceType, string), string> uids)
    {
        var meta = new JsonObject { ["name"] = d.Name, ["namespace"] = ns, ["labels"] = d.Labels.DeepClone() };
        var owners = new JsonArray();
        foreach (var (type, name) in d.Owners)
        {
            if (!uids.TryGetValue((type, name), out var uid) && store.Get(type, ns, name) is { } owner)
            {
                uid = JsonAccess.Uid(owner);
                uids[(type, name)] = uid;
            }

            if (uid is not null)
            {
                owners.Add((JsonNode)new JsonObject
                {
                    ["apiVersion"] = type.ApiVersion,
                    ["kind"] = type.Kind,
                    ["name"] = name,
                    ["uid"] = uid,
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                });
            }
        }

        if (owners.Count > 0)
        {
            meta["ownerReferences"] = owners;
        }

        if (d.Type == CapiKinds.Cluster)
        {
            meta["finalizers"] = new JsonArray(ClusterFinalizer);
        }

        return meta;
    }

    /// <summary>The status with its conditions: a condition keeps its lastTransitionTime while its status stays.</summary>
    private static JsonObject Status(DesiredObject d, JsonObject? previous, DateTimeOffset now)
    {
        var status = d.Status.DeepClone().AsObject();
        var before = previous?["conditions"] as JsonArray ?? [];
        var conditions = new JsonArray();
        foreach (var c in d.Conditions)
        {
            var old = before.OfType<JsonObject>().FirstOrDefault(o => JsonAccess.String(o, "type") == c.Type);
            var since = old is not null && JsonAccess.String(old, "status") == c.Status ? JsonAccess.String(old, "lastTransitionTime") : null;
            conditions.Add((JsonNode)new JsonObject
            {
                ["type"] = c.Type,
                ["status"] = c.Status,
                ["lastTransitionTime"] = since ?? Timestamps.Write(now),
                ["reason"] = c.Reason,
                ["message"] = c.Message,
            });
        }

        status["conditions"] = conditions;
        return status;
    }

    private static void Remove(IObjectStore store, string ns, ResourceType type, string name)
    {
        try
        {
            if (store.Get(type, ns, name) is not { } existing)
            {
                return;
            }

            if (JsonAccess.HasFinalizer(existing, ClusterFinalizer))
            {
                JsonAccess.RemoveFinalizer(existing, ClusterFinalizer);
                existing = store.Update(type, existing, WellKnown.FieldManager);
                if (JsonAccess.IsTerminating(existing))
                {
                    return; // removing the last finalizer of a deleted object removed it
                }
            }

            store.Delete(type, ns, name);
        }
        catch (StoreException e) when (e.Code is 403 or 404 or 409)
        {
            // gone already, or changed meanwhile: the next change looks again
        }
    }
}
