using System.Text;
using Childctl.Kubernetes.Transport;
using Childctl.Testing;

namespace Childctl.Kubernetes.Tests.Transport;

/// <summary>
/// A header-logging HTTPS stub (<see cref="TlsTestServer"/>) with a kubeconfig for it, and two clients for the same
/// kubeconfig: childctl's (<see cref="ApiClient"/>, in-process) and the real kubectl (<c>get --raw</c>). The kubectl on
/// these machines is a dispatcher that first asks <c>/version</c> which kubectl to run, so the stub answers that path with
/// a version and <see cref="ApiRequests"/> leaves it out.
/// </summary>
public sealed class StubApi : IAsyncDisposable
{
    public const string ObjectPath = "/apis/k0rdent.mirantis.com/v1beta1/namespaces/ns/clusterdeployments/x";

    private const string Version = """{"major":"1","minor":"32","gitVersion":"v1.32.4","platform":"linux/amd64"}""";

    public StubApi(string? extraDnsName = "api.internal")
    {
        Server = new TlsTestServer(Certificates.Server(extraDnsName)) { Respond = r => Answer(r) };
    }

    public TempDirectory Dir { get; } = new("childctl-stub-api");

    public TestCertificates Certificates { get; } = new();

    public TlsTestServer Server { get; }

    /// <summary>The status and body of requests other than /version; 200 with the server's body by default.</summary>
    public Func<SeenRequest, (int Status, string Body)>? Respond { get; set; }

    /// <summary>The requests seen, without the dispatcher's /version.</summary>
    public IReadOnlyList<SeenRequest> ApiRequests
    {
        get
        {
            lock (Server.Requests)
            {
                return Server.Requests.Where(r => !r.Head.StartsWith("GET /version", StringComparison.Ordinal)).ToList();
            }
        }
    }

    public void ClearRequests()
    {
        lock (Server.Requests)
        {
            Server.Requests.Clear();
        }
    }

    /// <summary>
    /// Writes a kubeconfig for the stub: <paramref name="user"/> and <paramref name="cluster"/> are extra YAML lines of the
    /// user and cluster (4-space indented by the caller's text); the CA is the stub's unless <paramref name="ca"/> says
    /// otherwise ("" for none).
    /// </summary>
    public string Kubeconfig(string user = "token: t", string cluster = "", string? server = null, string? ca = null, string file = "kubeconfig")
    {
        var path = Dir.Combine(file);
        var caLine = ca == string.Empty ? string.Empty : "certificate-authority-data: " + Base64(ca ?? Certificates.AuthorityPem);
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: ctx
            contexts: [{"{"}name: ctx, context: {"{"}cluster: c, user: u{"}}"}]
            clusters:
            - name: c
              cluster:
                server: {server ?? Server.BaseUri.ToString().TrimEnd('/')}
                {caLine}
                {cluster.ReplaceLineEndings("\n    ")}
            users:
            - name: u
              user:
                {user.ReplaceLineEndings("\n    ")}
            """);
        return path;
    }

    /// <summary>One GET through childctl's client; the request the stub saw, or the client's error.</summary>
    public async Task<SeenRequest> ChildctlGetAsync(string kubeconfig, Impersonation? flags = null, Func<string, string?>? environment = null, ApiOptions? options = null)
    {
        ClearRequests();
        var cluster = KubeconfigResolver.Resolve(kubeconfig, null, null, _ => null, flags);
        using var api = new ApiClient(cluster, (options ?? new ApiOptions { MaxReadRetries = 0 }) with { Environment = environment ?? (_ => null) });
        await api.GetAsync(TestKinds.ClusterDeployment, "ns", "x", CancellationToken.None);
        return ApiRequests[^1];
    }

    /// <summary>The same GET through the real kubectl.</summary>
    public async Task<(KubectlResult Result, IReadOnlyList<SeenRequest> Requests)> KubectlGetAsync(string kubeconfig, IReadOnlyDictionary<string, string?>? environment = null, params string[] flags)
    {
        ClearRequests();
        var kubectl = new Kubectl(kubeconfig, Dir.Combine("kube-cache"));
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            kubectl.Environment[name] = value;
        }

        var result = await kubectl.RunAsync([.. flags, "get", "--raw", ObjectPath], stdin: null, TimeSpan.FromSeconds(30));
        return (result, ApiRequests);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Certificates.Dispose();
        Dir.Dispose();
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private (int Status, string Body) Answer(SeenRequest request) =>
        request.Head.StartsWith("GET /version", StringComparison.Ordinal) ? (200, Version)
        : Respond?.Invoke(request) ?? (200, Server.Body);
}
