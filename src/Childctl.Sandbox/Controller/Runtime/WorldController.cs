using Childctl.Sandbox.ChildApi;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// The simulated k0rdent controller manager: an event-driven loop with one worker. Store changes queue the
/// affected objects; a reconcile that leaves a cluster mid-way sets one wake-up time for it; nothing is
/// polled and nothing is written when nothing changed, so thousands of settled clusters cost no CPU.
/// </summary>
internal sealed class WorldController : IAsyncDisposable
{
    private readonly IObjectStore _store;
    private readonly WorkQueue _queue = new();
    private readonly DueTimers _timers;
    private readonly ReferenceCache _references;
    private readonly ClusterReconciler _clusters;
    private readonly CredentialReconciler _credentials;
    private readonly TemplateReconciler _templates;
    private readonly ChainReconciler _chains;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _subscription;
    private Task _worker = Task.CompletedTask;

    /// <param name="seededCapi">What the seeder wrote of each seeded cluster's CAPI objects, by uid (see <see cref="CapiState"/>).</param>
    public WorldController(IObjectStore store, SimClock clock, ChildAccess children, Dictionary<string, CapiState>? seededCapi = null)
    {
        _store = store;
        _time = clock.Time;
        _timers = new DueTimers(clock.Time, item => _queue.Add(item, force: true));
        _references = new ReferenceCache(store);
        _clusters = new ClusterReconciler(store, _references, new EventRecorder(store, clock.Time, Console.Error), clock, children, seededCapi ?? []);
        _credentials = new CredentialReconciler(store, clock.Time);
        _templates = new TemplateReconciler(store);
        _chains = new ChainReconciler(store);
    }

    /// <summary>Subscribes, queues every existing cluster and credential, and starts the worker.</summary>
    public void Start()
    {
        _subscription = _store.Subscribe(OnStoreEvent);
        foreach (var credential in _store.List(ResourceType.Credential, null))
        {
            _queue.Add(new WorkItem(ResourceType.Credential, JsonAccess.Namespace(credential), JsonAccess.Name(credential)), force: false);
        }

        foreach (var cluster in _store.List(ResourceType.ClusterDeployment, null))
        {
            _queue.Add(new WorkItem(ResourceType.ClusterDeployment, JsonAccess.Namespace(cluster), JsonAccess.Name(cluster)), force: false);
        }

        _worker = Task.Run(() => RunAsync(_stop.Token));
    }

    public Task WhenIdleAsync() => _queue.WhenIdleAsync();

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        try
        {
            await _worker;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _timers.Dispose();
        _queue.Dispose();
        _stop.Dispose();
    }

    /// <summary>Called by the store on the writer's thread: only queues work, never touches the store.</summary>
    private void OnStoreEvent(StoreEvent e)
    {
        var ns = JsonAccess.Namespace(e.Object);
        var name = JsonAccess.Name(e.Object);
        if (e.Resource == ResourceType.ClusterDeployment)
        {
            _queue.Add(new WorkItem(ResourceType.ClusterDeployment, ns, name), force: false);
        }
        else if (e.Resource == ResourceType.ClusterTemplate || e.Resource == ResourceType.ClusterTemplateChain || e.Resource == ResourceType.Credential)
        {
            _queue.Add(new WorkItem(e.Resource, ns, name), force: true);
        }
        else if (e.Resource == ResourceType.ConfigMap && e.Type == "DELETED" && name.StartsWith(SchemaConfigMap.Prefix, StringComparison.Ordinal))
        {
            _queue.Add(new WorkItem(ResourceType.ClusterTemplate, ns, name[SchemaConfigMap.Prefix.Length..]), force: true);
        }
        else if (e.Resource == ResourceType.Secret && e.Type == "DELETED"
                 && JsonAccess.Label(e.Object, WellKnown.CapiClusterNameLabel) is { } cluster
                 && name == WellKnown.KubeconfigSecretName(cluster))
        {
            _queue.Add(new WorkItem(ResourceType.ClusterDeployment, ns, cluster), force: true);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (item, force) = await _queue.TakeAsync(cancellationToken);
            try
            {
                Process(item, force);
            }
#pragma warning disable CA1031 // one bad object must not stop the simulated world
            catch (Exception error)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"sandbox controller: {item.Type.Kind} {item.Namespace}/{item.Name}: {error.Message}");
                _timers.Set(item, _time.GetUtcNow() + TimeSpan.FromSeconds(5));
            }
            finally
            {
                _queue.Completed();
            }
        }
    }

    private void Process(WorkItem item, bool force)
    {
        if (item.Type == ResourceType.ClusterDeployment)
        {
            var outcome = _clusters.Reconcile(item.Namespace, item.Name, force);
            if (outcome.Requeue)
            {
                _queue.Add(item, force: true);
            }
            else if (!outcome.Unchanged)
            {
                _timers.Set(item, outcome.WakeAt);
            }

            return;
        }

        if (ReconcileReference(item))
        {
            foreach (var cluster in _clusters.ClustersReferring(item.Namespace, item.Name, item.Type))
            {
                _queue.Add(new WorkItem(ResourceType.ClusterDeployment, item.Namespace, cluster), force: true);
            }
        }
    }

    /// <summary>Reconciles a template, chain or credential; true when the clusters that depend on it need a look.</summary>
    private bool ReconcileReference(WorkItem item)
    {
        if (item.Type == ResourceType.ClusterTemplateChain)
        {
            _chains.Reconcile(item.Namespace, item.Name);
            return _references.RefreshUpgrades(item.Namespace); // the chain's own label and status writes change no path
        }

        _references.Forget(item.Type, item.Namespace);
        if (item.Type == ResourceType.Credential)
        {
            _credentials.Reconcile(item.Namespace, item.Name);
        }
        else
        {
            _templates.Reconcile(item.Namespace, item.Name);
        }

        return true;
    }
}
