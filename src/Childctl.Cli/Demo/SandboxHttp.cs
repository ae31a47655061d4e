using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Childctl.Cli.Demo;

/// <summary>
/// Plain HTTPS requests to the demo's sandbox, trusting only the CA in its kubeconfig and sending its token:
/// what <c>curl --cacert ... -H "Authorization: Bearer ..."</c> would do.
/// </summary>
internal sealed partial class SandboxHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly X509Certificate2 _ca;

    public SandboxHttp(Uri baseUri, string kubeconfigPath)
    {
        var kubeconfig = File.ReadAllText(kubeconfigPath);
        var caPem = Encoding.UTF8.GetString(Convert.FromBase64String(Field(kubeconfig, "certificate-authority-data")));
        _ca = X509Certificate2.CreateFromPem(caPem);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { _ca } };
        _client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Field(kubeconfig, "token"));
    }

    public async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    public void Dispose()
    {
        _client.Dispose();
        _ca.Dispose();
    }

    private static string Field(string kubeconfig, string key) =>
        KubeconfigField().Matches(kubeconfig).FirstOrDefault(m => m.Groups[1].Value == key)?.Groups[2].Value
        ?? throw new InvalidOperationException($"the sandbox kubeconfig has no {key}");

    [GeneratedRegex(@"^\s*([a-z-]+):\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex KubeconfigField();
}
