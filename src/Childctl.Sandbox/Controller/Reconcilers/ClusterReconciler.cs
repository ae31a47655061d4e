using System.Text.Json.Nodes;
using Childctl.Sandbox.ChildApi;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// One reconcile of one ClusterDeployment, following k0rdent's controller (REFERENCE.md §4–§7): the first pass
/// adds the finalizer, the next the component label, then each pass runs the checks, moves the simulation
/// and writes the status only when it differs. Not thread-safe: only the controller's worker calls it.
/// </summary>
internal sealed partial class ClusterReconciler
{
    private readonly IObjectStore _store;
    private readonly ReferenceCache _references;
    private readonly EventRecorder _events;
    private readonly SimClock _clock;
    private readonly Dictionary<(string Namespace, string Name), ClusterSim> _sims = [];
    private readonly Dictionary<string, CapiState> _seededCapi;
    private readonly ChildAccess _children;

    public ClusterReconciler(IObjectStore store, ReferenceCache references, EventRecorder events, SimClock clock, ChildAccess children, Dictionary<string, CapiState> seededCapi)
    {
        _children = children;
        _seededCapi = seededCapi;
        _store = store;
        _references = references;
        _events = events;
        _clock = clock;
    }

    /// <summary>
    /// The clusters to look at again when a template, chain or credential changes: for a credential those that use
    /// it; for a template or a chain every cluster of the namespace, since a chain can change any cluster's
    /// availableUpgrades and a template can appear under a name a cluster already refers to. Such changes are rare,
    /// and a reconcile that finds nothing to change writes nothing.
    /// </summary>
    public IEnumerable<string> ClustersReferring(string ns, string name, ResourceType type) =>
        _sims.Where(s => s.Key.Namespace == ns && (type != ResourceType.Credential || s.Value.CredentialName == name))
            .Select(s => s.Key.Name)
            .ToList();

    /// <param name="force">Reconcile even if the object is the version last seen (timers, changed references).</param>
    public ReconcileOutcome Reconcile(string ns, string name, bool force)
    {
        try
        {
            return ReconcileCore(ns, name, force);
        }
        catch (StoreException e) when (e.Code is 409 or 404)
        {
            return ReconcileOutcome.Again; // changed or gone under us: look again
        }
    }

    private ReconcileOutcome ReconcileCore(string ns, string name, bool force)
    {
        var cluster = _store.Get(ResourceType.ClusterDeployment, ns, name);
        if (cluster is null)
        {
            Forget(ns, name);
            return ReconcileOutcome.Done;
        }

        var sim = SimFor(ns, name, cluster, ref force);
        if (!force && sim.LastResourceVersion == JsonAccess.ResourceVersion(cluster))
        {
            return ReconcileOutcome.Skipped;
        }

        sim.CredentialName = JsonAccess.String(cluster, "spec", "credential") ?? "";
        if (JsonAccess.IsTerminating(cluster))
        {
            return JsonAccess.HasFinalizer(cluster, WellKnown.ClusterDeploymentFinalizer) ? Delete(cluster, sim) : ReconcileOutcome.Done;
        }

        if (!JsonAccess.HasFinalizer(cluster, WellKnown.ClusterDeploymentFinalizer))
        {
            JsonAccess.AddFinalizer(cluster, WellKnown.ClusterDeploymentFinalizer);
            sim.LastResourceVersion = JsonAccess.ResourceVersion(_store.Update(ResourceType.ClusterDeployment, cluster, WellKnown.FieldManager));
            return ReconcileOutcome.Again;
        }

        if (JsonAccess.Label(cluster, WellKnown.ComponentLabel) != WellKnown.ComponentValue)
        {
            JsonAccess.Child(JsonAccess.Metadata(cluster), "labels")[WellKnown.ComponentLabel] = WellKnown.ComponentValue;
            sim.LastResourceVersion = JsonAccess.ResourceVersion(_store.Update(ResourceType.ClusterDeployment, cluster, WellKnown.FieldManager));
            return ReconcileOutcome.Again;
        }

        return Provision(cluster, sim, force);
    }

    private ReconcileOutcome Provision(JsonObject cluster, ClusterSim sim, bool force)
    {
        var ctx = Context(cluster, sim);
        var preflight = Preflight.Run(cluster, ctx.Template, ctx.Credential, ctx.Failure);
        var events = new List<EventSpec>();
        if (preflight.Warning is { } warning)
        {
            events.Add(warning);
        }

        if (preflight.Outcome == PreflightOutcome.Deploy)
        {
            events.AddRange(SimProgress.Advance(sim, cluster, ctx.Config, ctx.Failure, _clock));
        }
        else if (preflight.Outcome == PreflightOutcome.DryRun && !sim.DryRunAnnounced)
        {
            sim.DryRunAnnounced = true;
            events.Add(EventSpec.Normal("DryRunEnabled", $"ClusterDeployment {ctx.Namespace}/{ctx.Name} is in dry-run mode: nothing will be deployed"));
        }

        var (status, ready) = StatusBuilder.Build(ctx, preflight);
        var written = WriteStatus(cluster, status, sim);
        if (sim.Resumed && ReferenceEquals(written, cluster))
        {
            events.Clear();
        }

        sim.Resumed = false;
        foreach (var e in events)
        {
            _events.Record(written, e);
        }

        EnsureKubeconfig(ctx, force);
        CapiWriter.Sync(_store, ctx, sim.Capi, _clock.Now);
        var wake = Earliest(sim.StepDueAt, ready.RecheckAt);
        return ReconcileOutcome.At(wake);
    }

    private ReconcileContext Context(JsonObject cluster, ClusterSim sim) => ReconcileContext.Create(cluster, sim, _references, _clock);

    private ClusterSim SimFor(string ns, string name, JsonObject cluster, ref bool force)
    {
        var uid = JsonAccess.Uid(cluster);
        if (_sims.TryGetValue((ns, name), out var sim) && sim.Uid == uid)
        {
            return sim;
        }

        if (sim is not null)
        {
            _events.Forget(sim.Uid); // a new incarnation under the same name
            CapiWriter.RemoveAll(_store, ns, sim.Capi);
        }

        sim = SimInference.From(cluster, _clock);
        if (_seededCapi.Remove(uid, out var capi))
        {
            sim.Capi = capi;
        }

        _sims[(ns, name)] = sim;
        force = true;
        return sim;
    }

    private void Forget(string ns, string name)
    {
        if (_sims.Remove((ns, name), out var sim))
        {
            _events.Forget(sim.Uid);
            CapiWriter.RemoveAll(_store, ns, sim.Capi);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset a, DateTimeOffset? b)
    {
        var first = b is { } x && x < a ? x : a;
        return first == DateTimeOffset.MaxValue ? null : first;
    }
}

/// <summary>What the worker does after a reconcile: run it again now, wake it at a time, or nothing.</summary>
internal readonly record struct ReconcileOutcome(bool Requeue, DateTimeOffset? WakeAt, bool Unchanged = false)
{
    public static readonly ReconcileOutcome Again = new(true, null);

    public static readonly ReconcileOutcome Done = new(false, null);

    /// <summary>Nothing happened since the last look; any earlier wake-up stays as it was.</summary>
    public static readonly ReconcileOutcome Skipped = new(false, null, Unchanged: true);

    public static ReconcileOutcome At(DateTimeOffset? time) => new(false, time);
}
