using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Kubernetes.Transport;

namespace Childctl.Kubernetes;

/// <summary>
/// The client of one management cluster: the only code that talks to the API (through <see cref="ApiTransport"/>, over
/// the official KubernetesClient's TLS set-up and credentials, <see cref="ApiConnection"/>; not its typed operations),
/// and the only code that catches transport exceptions (<see cref="ApiErrors"/>; writes add what 409, 400 and 422 mean). Reads are retried
/// (<see cref="ReadRetry"/>), lists are paged, each request is bounded by <see cref="ApiOptions.RequestTimeout"/>.
/// Objects come back as the server's JSON so that every field survives for <c>-o json|yaml</c>.
/// </summary>
public sealed partial class ApiClient : IDisposable
{
    private readonly ApiTransport _transport;
    private readonly RetryLoop _reads;
    private readonly ApiOptions _options;
    private readonly IDisposable _caBundleScope;

    public ApiClient(ManagementCluster cluster, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        Cluster = cluster;
        _options = options;
        _transport = new ApiTransport(cluster, options);
        _caBundleScope = SystemCaBundle.SkipIfIrrelevant(cluster.Configuration, _transport.ThroughTlsProxy);
        _reads = ReadRetry.Create(options);
    }

    public ManagementCluster Cluster { get; }

    public void Dispose()
    {
        _caBundleScope.Dispose();
        _transport.Dispose();
    }

    /// <summary>Runs one read with retries and maps any failure to a <see cref="KubernetesException"/>.</summary>
    private async Task<T> ReadAsync<T>(ApiTarget target, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _reads.ExecuteAsync(call, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ApiErrors.Translate(e, target, Cluster, _options.RequestTimeout, _transport.TlsProblem);
        }
        finally
        {
            // The first handshake has loaded (or skipped) the system trust store; child processes get the real environment.
            _caBundleScope.Dispose();
        }
    }

    /// <summary>One object; a 404 is a NotFound error naming kind, namespace and name.</summary>
    public Task<JsonElement> GetAsync(ResourceKind kind, string ns, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return ReadAsync(ApiTarget.Get(kind, ns, name), ct => GetObjectAsync(kind, ns, name, ct), cancellationToken);
    }

    /// <summary>One object, or null when the server says 404.</summary>
    public async Task<JsonElement?> TryGetAsync(ResourceKind kind, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(kind, ns, name, cancellationToken);
        }
        catch (KubernetesException e) when (e.Kind == KubernetesErrorKind.NotFound)
        {
            return null;
        }
    }

    private Task<JsonElement> GetObjectAsync(ResourceKind kind, string ns, string name, CancellationToken ct) =>
        _transport.GetAsync(ApiPaths.Item(kind, ns, name), ct);

    /// <summary>
    /// Who the requests act as, from a SelfSubjectReview (what <c>kubectl auth whoami</c> shows): with impersonation, the
    /// impersonated user, and in a second review sent without the Impersonate-* headers, the user the credentials
    /// authenticate as. Null fields when the server does not answer (older servers, RBAC): this only enriches history,
    /// so it never fails a command.
    /// </summary>
    public async Task<ApiIdentity> WhoAmIAsync(CancellationToken cancellationToken)
    {
        var user = await ReviewAsync(asAuthenticatedUser: false, cancellationToken);
        var real = Cluster.Settings.Impersonate.IsRequested ? await ReviewAsync(asAuthenticatedUser: true, cancellationToken) : null;
        return new ApiIdentity(user, real);
    }

    private async Task<string?> ReviewAsync(bool asAuthenticatedUser, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview" };
        try
        {
            var review = await WriteAsync(new ApiTarget("create", ResourceKind.SelfSubjectReview, null, null), WriteSafety.Repeatable,
                ct => _transport.SendAsync(HttpMethod.Post, "apis/authentication.k8s.io/v1/selfsubjectreviews", body.ToJsonString(), JsonContent, ct, asAuthenticatedUser),
                cancellationToken);
            return JsonPath.Find(review, "status", "userInfo", "username") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null;
        }
        catch (KubernetesException e) when (e.Kind is not KubernetesErrorKind.Unreachable)
        {
            return null;
        }
    }

    /// <summary>
    /// The Events whose <c>involvedObject</c> has this kind and name, as served. The server selects by field, so the call
    /// needs no prior read of the object; callers keep those of the incarnation (uid) they care about.
    /// </summary>
    public Task<IReadOnlyList<JsonElement>> ListEventsAsync(string ns, string kind, string name, CancellationToken cancellationToken)
    {
        var target = ApiTarget.List(ResourceKind.Event, ns);
        var path = ApiPaths.WithQuery(ApiPaths.Collection(ResourceKind.Event, ns), ("fieldSelector", $"involvedObject.kind={kind},involvedObject.name={name}"));
        return ReadAsync<IReadOnlyList<JsonElement>>(target, async ct =>
        {
            var list = await _transport.GetAsync(path, ct);
            return JsonPath.Array(list, "items")
                .Where(e => JsonPath.Object(e, "involvedObject") is { } o && JsonPath.String(o, "name") == name && JsonPath.String(o, "kind") == kind)
                .ToList();
        }, cancellationToken);
    }

    /// <summary>The server's <c>/version</c> document (what <c>kubectl version</c> shows as serverVersion).</summary>
    public Task<JsonElement> GetServerVersionAsync(CancellationToken cancellationToken) =>
        ReadAsync(new ApiTarget("get", ResourceKind.VersionEndpoint, null, "/version"), ct => _transport.GetAsync("version", ct), cancellationToken);

    /// <summary>One cluster-scoped object, or null when the server says 404 (also when it does not serve the kind).</summary>
    public async Task<JsonElement?> TryGetClusterScopedAsync(ResourceKind kind, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        try
        {
            return await ReadAsync(new ApiTarget("get", kind, null, name), ct => _transport.GetAsync(ApiPaths.Item(kind, null, name), ct), cancellationToken);
        }
        catch (KubernetesException e) when (e.Kind == KubernetesErrorKind.NotFound)
        {
            return null;
        }
    }
}

/// <summary>How the façade talks to the API: per-request time limit, retry budgets, page size, clock, who hears of retries.</summary>
public sealed record ApiOptions
{
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a read after 429, 5xx or a reset connection (so at most this + 1 attempts).</summary>
    public int MaxReadRetries { get; init; } = 4;

    /// <summary>Retries of a write (see <see cref="WriteRetry"/> for which writes, after which answers).</summary>
    public int MaxWriteRetries { get; init; } = 4;

    /// <summary>Told one line per retry of a read or a write (what, why, which attempt, when): <c>-v</c> prints them.</summary>
    public Action<string>? OnRetry { get; init; }

    /// <summary>First backoff; it doubles (with jitter) per retry up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between two attempts, also the cap on a server's Retry-After.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Items per list request (<c>limit</c>); the rest follows with <c>continue</c>. kubectl uses 500; 1,000 halves the
    /// sequential round trips for large lists while keeping each reply a few MiB.
    /// </summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>The clock retries wait on; tests pass one that does not sleep.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The field manager childctl writes as: <c>metadata.managedFields</c> name it.</summary>
    public const string ChildctlFieldManager = "childctl";

    /// <summary>
    /// The annotation that carries the id of the operation that wrote an object: a create stamped with it is safe to
    /// retry, since a 409 AlreadyExists whose object carries the same id is the create's own earlier attempt.
    /// </summary>
    public string OperationAnnotation { get; init; } = "childctl.dev/operation";

    /// <summary>The field manager of every write, so that <c>metadata.managedFields</c> name who wrote.</summary>
    public string FieldManager { get; init; } = ChildctlFieldManager;

    /// <summary>
    /// Sent on every request, so that the management cluster's audit log tells childctl's requests apart:
    /// <c>childctl/&lt;version&gt; (&lt;os&gt;/&lt;arch&gt;)</c>, as kubectl's <c>kubectl/v1.32.4 (linux/amd64)</c>.
    /// </summary>
    public string UserAgent { get; init; } = Childctl.Kubernetes.UserAgent.Default;

    /// <summary>Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read from (the process environment unless a test says otherwise).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Told warnings about the connection (insecure-skip-tls-verify), one line each; the CLI prints them on stderr.</summary>
    public Action<string>? OnWarning { get; init; }
}

/// <summary>A served resource type: where it lives in the API and how messages and <c>-o name</c> call it.</summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind)
{
    public static readonly ResourceKind Secret = new(string.Empty, "v1", "secrets", "Secret");
    public static readonly ResourceKind Event = new(string.Empty, "v1", "events", "Event");
    public static readonly ResourceKind ConfigMap = new(string.Empty, "v1", "configmaps", "ConfigMap");
    public static readonly ResourceKind Namespace = new(string.Empty, "v1", "namespaces", "Namespace");
    public static readonly ResourceKind Role = new("rbac.authorization.k8s.io", "v1", "roles", "Role");
    public static readonly ResourceKind RoleBinding = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding");
    public static readonly ResourceKind SelfSubjectReview = new("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview");

    /// <summary>Not a kind: the API's <c>/version</c> endpoint, so that an error about it reads <c>endpoint "/version"</c>.</summary>
    internal static readonly ResourceKind VersionEndpoint = new(string.Empty, string.Empty, "version", "endpoint");

    /// <summary><c>clusterdeployments.k0rdent.mirantis.com</c>, as kubectl names a resource.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The <c>-o name</c> prefix, e.g. <c>clusterdeployment.k0rdent.mirantis.com</c>.</summary>
    public string NamePrefix => Group.Length == 0 ? Kind.ToLowerInvariant() : $"{Kind.ToLowerInvariant()}.{Group}";
}

/// <summary>What one API call was about, so an error can name the kind, namespace and name involved.</summary>
internal readonly record struct ApiTarget(string Verb, ResourceKind Kind, string? Namespace, string? Name)
{
    public static ApiTarget List(ResourceKind kind, string? ns) => new("list", kind, ns, null);

    public static ApiTarget Get(ResourceKind kind, string ns, string name) => new("get", kind, ns, name);

    /// <summary>e.g. <c>ClusterDeployment "x" in namespace "kcm-system"</c> or <c>clusterdeployments in all namespaces</c>.</summary>
    public string Describe()
    {
        var where = Namespace is null ? "in all namespaces" : $"in namespace \"{Namespace}\"";
        return Name is null ? $"{Kind.QualifiedPlural} {where}"
            : Namespace is null ? $"{Kind.Kind} \"{Name}\"" // cluster-scoped
            : $"{Kind.Kind} \"{Name}\" {where}";
    }
}

/// <summary>REST paths and query strings of the reads the façade makes, escaped as the API server expects.</summary>
internal static class ApiPaths
{
    /// <summary><c>apis/g/v[/namespaces/ns]/plural</c>, or <c>api/v1/...</c> for the core group.</summary>
    public static string Collection(ResourceKind kind, string? ns)
    {
        var root = kind.Group.Length == 0 ? $"api/{kind.Version}" : $"apis/{kind.Group}/{kind.Version}";
        return ns is null ? $"{root}/{kind.Plural}" : $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{kind.Plural}";
    }

    /// <summary>An object's path; <paramref name="ns"/> null for a cluster-scoped kind.</summary>
    public static string Item(ResourceKind kind, string? ns, string name) => $"{Collection(kind, ns)}/{Uri.EscapeDataString(name)}";

    /// <summary>Appends the parameters that have a value, e.g. <c>?limit=1000&amp;labelSelector=env%3Ddev</c>.</summary>
    public static string WithQuery(string path, params ReadOnlySpan<(string Name, string? Value)> parameters)
    {
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        return text.ToString();
    }
}
