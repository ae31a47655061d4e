using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Childctl.Testing;
using k8s;
using static Childctl.Sandbox.Tests.Http.Client;

namespace Childctl.Sandbox.Tests.Http;

/// <summary>Registry and filter semantics kubectl does not exercise, over HTTPS with the official client or raw requests.</summary>
public sealed class ClientRegistryTests(BareSandboxFixture f) : IClassFixture<BareSandboxFixture>
{
    private readonly Kubernetes _k = Admin(f);

    [Fact]
    public async Task A_replace_of_a_custom_resource_without_resourceVersion_is_invalid()
    {
        await CreateAsync(_k, Cd("rv-1"));
        var body = Cd("rv-1");

        var (code, status) = await FailureAsync(() => _k.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonObject>(body, CdGroup, CdVersion, "default", CdPlural, "rv-1"));

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "ClusterDeployment.k0rdent.mirantis.com \"rv-1\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"),
            (code, Message(status)));
        Assert.Equal("metadata.resourceVersion", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_replace_of_a_Secret_without_resourceVersion_is_unconditional()
    {
        var secret = new k8s.Models.V1Secret { Metadata = new() { Name = "unconditional" }, StringData = new Dictionary<string, string> { ["a"] = "1" } };
        await _k.CoreV1.CreateNamespacedSecretAsync(secret, "default");
        secret.StringData["a"] = "2";

        var replaced = await _k.CoreV1.ReplaceNamespacedSecretAsync(secret, "unconditional", "default");

        Assert.Equal("Mg==", Convert.ToBase64String(replaced.Data["a"]));
    }

    [Fact]
    public async Task A_create_of_a_custom_resource_without_kind_is_a_bad_request()
    {
        var body = """{"apiVersion":"k0rdent.mirantis.com/v1beta1","metadata":{"name":"nokind"},"spec":{"template":"t"}}""";
        using var response = await SendAsync(HttpMethod.Post, "apis/k0rdent.mirantis.com/v1beta1/namespaces/default/clusterdeployments", body);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"the object provided is unrecognized (must be of type ClusterDeployment): Object 'Kind' is missing in '{body}' ({body[..30]} ...)", Message(status));
    }

    [Fact]
    public async Task A_create_carrying_a_resourceVersion_is_refused_as_etcd_refuses_it()
    {
        var body = Cd("with-rv");
        body["metadata"]!["resourceVersion"] = "12";

        var (code, status) = await FailureAsync(() => CreateAsync(_k, body));

        Assert.Equal((HttpStatusCode.InternalServerError, "resourceVersion should not be set on objects to be created"), (code, Message(status)));
        Assert.Null(status["reason"]);
    }

    [Fact]
    public async Task The_openapi_v2_document_is_served_as_json_too_with_each_kinds_definition()
    {
        using var response = await SendAsync(HttpMethod.Get, "openapi/v2", null, ("Accept", "application/json"));
        var definitions = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["definitions"]!;
        var cd = definitions["com.mirantis.k0rdent.v1beta1.ClusterDeployment"]!;

        Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", cd["properties"]!["metadata"]!["$ref"]!.GetValue<string>());
        Assert.Equal("ClusterDeployment", cd["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
        Assert.Null(cd["properties"]!["spec"]!["properties"]!["config"]!["type"]);
        Assert.NotNull(definitions["io.k8s.api.core.v1.ConfigMap"]);
    }

    [Fact]
    public async Task A_limited_list_says_how_many_items_remain_unless_a_selector_is_given()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(_k, Cd($"page-{i}", ns: "kcm-system"), ns: "kcm-system");
        }

        var first = await ListAsync(_k, "kcm-system", limit: 2);
        var selected = await ListAsync(_k, "kcm-system", limit: 2, fieldSelector: "metadata.namespace=kcm-system");
        var second = await ListAsync(_k, "kcm-system", limit: 2, continueToken: first["metadata"]!["continue"]!.GetValue<string>());

        Assert.Equal(3, first["metadata"]!["remainingItemCount"]!.GetValue<long>());
        Assert.Null(selected["metadata"]!["remainingItemCount"]);
        Assert.Equal(1, second["metadata"]!["remainingItemCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Impersonating_a_group_without_a_user_is_the_apiservers_plain_text_500()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/v1/namespaces", null, ("Impersonate-Group", "team-a"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Internal Server Error: \"/api/v1/namespaces\": requested [{Group  team-a    }] without impersonating a user\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Impersonated_extra_values_reach_the_self_subject_review()
    {
        using var response = await SendAsync(HttpMethod.Post, "apis/authentication.k8s.io/v1/selfsubjectreviews",
            """{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}""", ("Impersonate-User", "bob"), ("Impersonate-Extra-Scopes", "view"));
        var info = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!["userInfo"]!;

        Assert.Equal("""{"username":"bob","groups":["system:authenticated"],"extra":{"scopes":["view"]}}""", info.ToJsonString());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, params (string Name, string Value)[] headers)
    {
        var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(f.Handle.CaPem);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.RawData.AsSpan().SequenceEqual(ca.RawData),
        };
        using var http = new HttpClient(handler, disposeHandler: false);
        using var request = new HttpRequestMessage(method, new Uri(f.Handle.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", f.Handle.AdminToken);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
