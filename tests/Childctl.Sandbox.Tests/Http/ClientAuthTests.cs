using System.Net;
using System.Text.Json.Nodes;
using Childctl.Testing;
using k8s;
using k8s.Models;
using static Childctl.Sandbox.Tests.Http.Client;

namespace Childctl.Sandbox.Tests.Http;

public sealed class ClientAuthTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    [Fact]
    public async Task The_viewer_can_read_but_writes_are_Forbidden_with_a_kube_message()
    {
        var viewer = Viewer(f);
        await ListAsync(viewer);

        var (code, status) = await FailureAsync(() => CreateAsync(viewer, Cd("auth-1")));

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("clusterdeployments.k0rdent.mirantis.com is forbidden: User \"sandbox-viewer\" cannot create resource \"clusterdeployments\" in API group \"k0rdent.mirantis.com\" in the namespace \"default\"",
            Message(status));
    }

    [Fact]
    public async Task A_wrong_token_is_Unauthorized()
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(f.KubeconfigPath);
        config.AccessToken = "wrong";
        var (code, status) = await FailureAsync(() => ListAsync(new Kubernetes(config)));
        Assert.Equal((HttpStatusCode.Unauthorized, "Unauthorized"), (code, Message(status)));
    }

    [Fact]
    public async Task Version_is_served_without_a_token_and_claims_1_32()
    {
        using var http = AnonymousHttp();
        var body = JsonNode.Parse(await http.GetStringAsync(new Uri(f.Handle.BaseUri, "version/")))!;
        Assert.Equal(("1", "32"), (body["major"]!.GetValue<string>(), body["minor"]!.GetValue<string>()));
        Assert.StartsWith("v1.32.", body["gitVersion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri(f.Handle.BaseUri, "api"))).StatusCode);
    }

    [Fact]
    public async Task Self_subject_review_names_the_token_user()
    {
        var review = await Viewer(f).AuthenticationV1.CreateSelfSubjectReviewAsync(new V1SelfSubjectReview());
        Assert.Equal("sandbox-viewer", review.Status.UserInfo.Username);
        Assert.Contains("system:authenticated", review.Status.UserInfo.Groups);
    }

    private HttpClient AnonymousHttp()
    {
        var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(f.Handle.CaPem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.RawData.AsSpan().SequenceEqual(ca.RawData),
        };
        return new HttpClient(handler);
    }
}
