using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Faults;
using Childctl.Testing;
using k8s;
using static Childctl.Sandbox.Tests.Http.Client;

namespace Childctl.Sandbox.Tests.Http;

public sealed class ClientFaultTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>, IDisposable
{
    private readonly Kubernetes _k = Admin(f);

    public void Dispose() => f.Faults.Reset();

    [Fact]
    public async Task A_full_server_error_rate_fails_requests_with_503()
    {
        f.Faults.Update(s => s with { ServerErrorRate = 1 });
        var (code, status) = await FailureAsync(() => ListAsync(_k));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "ServiceUnavailable"), (code, status["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Too_many_requests_carry_Retry_After()
    {
        f.Faults.Update(s => s with { TooManyRequestsRate = 1, RetryAfterSeconds = 7 });
        var e = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => ListAsync(_k));
        Assert.Equal((HttpStatusCode.TooManyRequests, "7"), (e.Response.StatusCode, e.Response.Headers["Retry-After"].Single()));
        Assert.Equal(7, JsonNode.Parse(e.Response.Content)!["details"]!["retryAfterSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_same_seed_fails_the_same_requests()
    {
        async Task<string> Run()
        {
            f.Faults.Reset(seed: 7);
            f.Faults.Settings = new FaultSettings { ServerErrorRate = 0.5 };
            var outcomes = new StringBuilder();
            for (var i = 0; i < 16; i++)
            {
                try
                {
                    await ListAsync(_k);
                    outcomes.Append('.');
                }
                catch (k8s.Autorest.HttpOperationException)
                {
                    outcomes.Append('x');
                }
            }

            return outcomes.ToString();
        }

        var first = await Run();
        Assert.Equal(first, await Run());
        Assert.Contains("x", first, StringComparison.Ordinal);
        Assert.Contains(".", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_is_dropped_after_the_configured_number_of_events()
    {
        for (var i = 0; i < 3; i++)
        {
            f.Store.Create(Childctl.Sandbox.Storage.ResourceType.ClusterDeployment, Cd($"drop-{i}"), "tests");
        }

        f.Faults.Update(s => s with { DropWatchAfterEvents = 2 });
        var received = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var _ in _k.CustomObjects.WatchListNamespacedCustomObjectAsync(CdGroup, CdVersion, "default", CdPlural,
            labelSelector: "!absent", cancellationToken: cts.Token))
        {
            received++;
        }

        Assert.False(cts.IsCancellationRequested);
        Assert.Equal(2, received);
    }

    [Fact]
    public async Task Faults_can_be_set_over_http_by_the_admin_only()
    {
        using var admin = Http(f.Handle.AdminToken);
        using var viewer = Http(f.Handle.ReadOnlyToken);
        var faults = new Uri(f.Handle.BaseUri, "sandbox/v1/faults");

        var forbidden = await viewer.PutAsync(faults, Json("""{"serverErrorRate":1}"""));
        var put = await admin.PutAsync(faults, Json("""{"tooManyRequestsRate":1,"retryAfterSeconds":3}"""));
        var shown = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        var failed = await admin.GetAsync(new Uri(f.Handle.BaseUri, "api/v1/namespaces"));
        await admin.DeleteAsync(faults);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(1.0, shown["tooManyRequestsRate"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.TooManyRequests, failed.StatusCode);
        Assert.Equal(FaultSettings.None, f.Faults.Settings);
    }

    private HttpClient Http(string token)
    {
        var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(f.Handle.CaPem);
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c is not null && c.RawData.AsSpan().SequenceEqual(ca.RawData) };
        var http = new HttpClient(handler);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
