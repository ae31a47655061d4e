using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Kubernetes;
using Childctl.Kubernetes.Transport;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core.Api;

/// <summary>
/// Core's way to the management cluster: the Kubernetes client (<see cref="ApiClient"/>) for one cluster, with its
/// errors turned into <see cref="ChildctlException"/> here, at Core's boundary, and the k0rdent reads Core needs on top
/// (Events as <see cref="ClusterEvent"/>, the kubeconfig Secret, ClusterDeployments watched). Objects come back as the
/// server's JSON so that every field survives for <c>-o json|yaml</c>.
/// </summary>
internal sealed class ManagementApi : IDisposable
{
    private readonly ApiClient _client;
    private readonly ApiOptions _options;
    private readonly WatchOptions? _watchOptions;

    public ManagementApi(ManagementCluster cluster, ApiOptions options, WatchOptions? watchOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _watchOptions = watchOptions;
        _client = Call(() => new ApiClient(cluster, options));
    }

    public ManagementCluster Cluster => _client.Cluster;

    /// <summary>The management cluster the kubeconfig names (<see cref="KubeconfigResolver"/>); reads only local files.</summary>
    public static ManagementCluster Resolve(string? kubeconfigPath, string? contextName, string? explicitNamespace, Func<string, string?> environment,
        Impersonation? impersonate = null) =>
        Call(() => KubeconfigResolver.Resolve(kubeconfigPath, contextName, explicitNamespace, environment, impersonate));

    public void Dispose() => _client.Dispose();

    public Task<JsonElement> GetAsync(ResourceKind kind, string ns, string name, CancellationToken cancellationToken) =>
        CallAsync(() => _client.GetAsync(kind, ns, name, cancellationToken));

    public Task<JsonElement?> TryGetAsync(ResourceKind kind, string ns, string name, CancellationToken cancellationToken) =>
        CallAsync(() => _client.TryGetAsync(kind, ns, name, cancellationToken));

    public Task<ObjectList> ListAsync(ResourceKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken) =>
        CallAsync(() => _client.ListAsync(kind, ns, labelSelector, cancellationToken));

    /// <inheritdoc cref="ApiClient.ForEachPageAsync(ResourceKind, string?, string?, Func{IEnumerable{JsonElement}, ValueTask}, CancellationToken, int?)"/>
    public Task ForEachPageAsync(ResourceKind kind, string? ns, string? labelSelector, Func<IEnumerable<JsonElement>, ValueTask> onPage, CancellationToken cancellationToken, int? pageSize = null) =>
        CallAsync(async () =>
        {
            await _client.ForEachPageAsync(kind, ns, labelSelector, onPage, cancellationToken, pageSize);
            return true;
        });

    /// <inheritdoc cref="ApiClient.ForEachPageAsync(ResourceKind, string?, string?, Func{ReadOnlyMemory{byte}, bool}, Func{IEnumerable{JsonElement}, ValueTask}, CancellationToken, int?)"/>
    public Task ForEachPageAsync(ResourceKind kind, string? ns, string? labelSelector, Func<ReadOnlyMemory<byte>, bool> readRaw, Func<IEnumerable<JsonElement>, ValueTask> onPage, CancellationToken cancellationToken, int? pageSize = null) =>
        CallAsync(async () =>
        {
            await _client.ForEachPageAsync(kind, ns, labelSelector, readRaw, onPage, cancellationToken, pageSize);
            return true;
        });

    public Task<JsonElement> CreateAsync(ResourceKind kind, string? ns, JsonObject body, bool serverDryRun, CancellationToken cancellationToken) =>
        CallAsync(() => _client.CreateAsync(kind, ns, body, serverDryRun, cancellationToken));

    /// <inheritdoc cref="ApiClient.JsonPatchAsync"/>
    public Task<JsonElement> JsonPatchAsync(ResourceKind kind, string ns, string name, JsonArray operations, CancellationToken cancellationToken) =>
        CallAsync(() => _client.JsonPatchAsync(kind, ns, name, operations, cancellationToken));

    /// <inheritdoc cref="ApiClient.MergePatchAsync"/>
    public Task<JsonElement> MergePatchAsync(ResourceKind kind, string ns, string name, JsonObject patch, CancellationToken cancellationToken) =>
        CallAsync(() => _client.MergePatchAsync(kind, ns, name, patch, cancellationToken));

    /// <inheritdoc cref="ApiClient.DeleteAsync"/>
    public Task<JsonElement> DeleteAsync(ResourceKind kind, string ns, string name, string uid, string resourceVersion, CancellationToken cancellationToken) =>
        CallAsync(() => _client.DeleteAsync(kind, ns, name, uid, resourceVersion, cancellationToken));

    /// <inheritdoc cref="ApiClient.GetServerVersionAsync"/>
    public Task<JsonElement> GetServerVersionAsync(CancellationToken cancellationToken) => CallAsync(() => _client.GetServerVersionAsync(cancellationToken));

    /// <inheritdoc cref="ApiClient.TryGetClusterScopedAsync"/>
    public Task<JsonElement?> TryGetClusterScopedAsync(ResourceKind kind, string name, CancellationToken cancellationToken) =>
        CallAsync(() => _client.TryGetClusterScopedAsync(kind, name, cancellationToken));

    /// <inheritdoc cref="ApiClient.WhoAmIAsync"/>
    public Task<ApiIdentity> WhoAmIAsync(CancellationToken cancellationToken) => CallAsync(() => _client.WhoAmIAsync(cancellationToken));

    /// <summary>
    /// Whether the child's kubeconfig is there: Secret <c>&lt;name&gt;-kubeconfig</c> with a non-empty <c>value</c>
    /// (REFERENCE.md §7). The content is looked at only for presence and never leaves this method.
    /// </summary>
    public async Task<KubeconfigAvailability> GetKubeconfigAvailabilityAsync(string ns, string clusterName, CancellationToken cancellationToken)
    {
        var secret = await TryGetAsync(ResourceKind.Secret, ns, $"{clusterName}-kubeconfig", cancellationToken);
        return secret is not { } found ? KubeconfigAvailability.NotYetAvailable
            : JsonPath.Find(found, "data", "value") is { ValueKind: JsonValueKind.String } value && !value.ValueEquals(string.Empty) ? KubeconfigAvailability.Available
            : KubeconfigAvailability.MissingValue;
    }

    /// <summary>
    /// The decoded <c>value</c> of Secret <c>&lt;name&gt;-kubeconfig</c>, or null when the Secret or the key is not there
    /// yet. The content is a credential: callers hand it only to the user, never to logs or history.
    /// </summary>
    public async Task<string?> ReadKubeconfigAsync(string ns, string clusterName, CancellationToken cancellationToken)
    {
        var name = $"{clusterName}-kubeconfig";
        var secret = await TryGetAsync(ResourceKind.Secret, ns, name, cancellationToken);
        if (secret is not { } found || JsonPath.Find(found, "data", "value") is not { ValueKind: JsonValueKind.String } value
            || value.GetString() is not { Length: > 0 } base64)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw new ChildctlException(ErrorKind.General, $"Secret \"{name}\" in namespace \"{ns}\" holds a value that is not base64");
        }
    }

    /// <summary>
    /// The Events about one object, oldest first. Callers keep those whose <see cref="ClusterEvent.InvolvedUid"/> is the
    /// incarnation they read (a recreated cluster has the same name and a new uid).
    /// </summary>
    public async Task<IReadOnlyList<ClusterEvent>> ListEventsAsync(string ns, string kind, string name, CancellationToken cancellationToken)
    {
        var events = await CallAsync(() => _client.ListEventsAsync(ns, kind, name, cancellationToken));
        return events.Select(ClusterEvent.Read).OrderBy(e => e.LastSeen ?? DateTimeOffset.MinValue).ToList();
    }

    /// <summary>
    /// The Events about ClusterDeployments of a namespace (or all), narrowed by a field selector (e.g. the involved uid),
    /// as a stream of changes through the resilient list-and-watch: the initial list as Added, then Synced, then each
    /// new or updated Event (an Event seen again has a higher count) until cancelled.
    /// </summary>
    public async IAsyncEnumerable<WatchChange<ClusterEvent>> WatchClusterEventsAsync(string? ns, string? involvedUid, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var selector = $"involvedObject.kind={K0rdentKinds.ClusterDeployment.Kind}" + (involvedUid is null ? string.Empty : $",involvedObject.uid={involvedUid}");
        var watch = new ResilientWatch<ClusterEvent>(new ClusterEventWatchSource(_client, ns, new WatchFilter(selector)), _options.Time, _watchOptions);
        await using var changes = watch.RunAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await CallAsync(async () => await changes.MoveNextAsync()))
        {
            yield return changes.Current;
        }
    }

    /// <summary>
    /// ClusterDeployments of a namespace (or all), narrowed by <paramref name="filter"/>, as a stream of changes through
    /// the resilient list-and-watch: the initial list as Added, then Synced, then every change until cancelled.
    /// </summary>
    public async IAsyncEnumerable<WatchChange<ClusterDeployment>> WatchClustersAsync(string? ns, WatchFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watch = new ResilientWatch<ClusterDeployment>(new ClusterDeploymentWatchSource(_client, ns, filter), _options.Time, _watchOptions);
        await using var changes = watch.RunAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await CallAsync(async () => await changes.MoveNextAsync()))
        {
            yield return changes.Current;
        }
    }

    /// <summary>
    /// The message of the last call that could not be made or was refused for who we are (unreachable, no credential,
    /// 401/403), if one was: later best-effort work (the team mirror, the operation's Kubernetes Event) does not try
    /// again, so it never waits out another timeout or runs a failing credential plugin twice.
    /// </summary>
    public string? LastRefusal { get; private set; }

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (KubernetesException e)
        {
            if (e.Kind is KubernetesErrorKind.Unreachable or KubernetesErrorKind.PermissionDenied)
            {
                LastRefusal = e.Message;
            }

            throw ChildctlException.From(e);
        }
    }

    private static T Call<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (KubernetesException e)
        {
            throw ChildctlException.From(e);
        }
    }
}

/// <summary>ClusterDeployments in one namespace (or all), narrowed by a filter, as a source for <see cref="ResilientWatch{T}"/>.</summary>
internal sealed class ClusterDeploymentWatchSource(ApiClient client, string? ns, WatchFilter filter) : IWatchSource<ClusterDeployment>
{
    public async Task<WatchList<ClusterDeployment>> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.ListForWatchAsync(K0rdentKinds.ClusterDeployment, ns, filter, cancellationToken);
        return new WatchList<ClusterDeployment>(list.Items.Select(ClusterDeploymentReader.Read).ToList(), list.ResourceVersion);
    }

    public IAsyncEnumerable<WatchEvent<ClusterDeployment>> WatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
        client.WatchAsync(K0rdentKinds.ClusterDeployment, ns, filter, resourceVersion, ClusterDeploymentReader.Read, cancellationToken);

    public WatchIdentity Identify(ClusterDeployment item) => new($"{item.Namespace}/{item.Name}", item.Uid, item.ResourceVersion);
}

/// <summary>Events about ClusterDeployments, narrowed by a field selector, as a source for <see cref="ResilientWatch{T}"/>.</summary>
internal sealed class ClusterEventWatchSource(ApiClient client, string? ns, WatchFilter filter) : IWatchSource<ClusterEvent>
{
    public async Task<WatchList<ClusterEvent>> ListAsync(CancellationToken cancellationToken)
    {
        var list = await client.ListForWatchAsync(ResourceKind.Event, ns, filter, cancellationToken);
        return new WatchList<ClusterEvent>(list.Items.Select(ClusterEvent.Read).ToList(), list.ResourceVersion);
    }

    public IAsyncEnumerable<WatchEvent<ClusterEvent>> WatchAsync(string resourceVersion, CancellationToken cancellationToken) =>
        client.WatchAsync(ResourceKind.Event, ns, filter, resourceVersion, ClusterEvent.Read, cancellationToken);

    public WatchIdentity Identify(ClusterEvent item) => new($"{item.Namespace}/{item.EventName}", item.EventUid, item.ResourceVersion);
}

/// <summary>The k0rdent resources childctl reads and writes (group <c>k0rdent.mirantis.com</c>, REFERENCE.md §1).</summary>
public static class K0rdentKinds
{
    public const string Group = "k0rdent.mirantis.com";
    public const string Version = "v1beta1";

    public static readonly ResourceKind ClusterDeployment = new(Group, Version, "clusterdeployments", "ClusterDeployment");
    public static readonly ResourceKind ClusterTemplate = new(Group, Version, "clustertemplates", "ClusterTemplate");
    public static readonly ResourceKind Credential = new(Group, Version, "credentials", "Credential");
    public static readonly ResourceKind ClusterTemplateChain = new(Group, Version, "clustertemplatechains", "ClusterTemplateChain");

    /// <summary>Cluster-scoped; the one object, named <c>kcm</c>, names the installed Release.</summary>
    public static readonly ResourceKind Management = new(Group, Version, "managements", "Management");

    /// <summary>Cluster-scoped; one per k0rdent release, e.g. <c>kcm-1-1-0</c> with <c>spec.version</c> 1.1.0.</summary>
    public static readonly ResourceKind Release = new(Group, Version, "releases", "Release");
}
