using System.Net;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;
using k8s;
using k8s.Models;
using static Childctl.Sandbox.Tests.Http.Client;

namespace Childctl.Sandbox.Tests.Http;

public sealed class ClientListTests : IClassFixture<BareSandboxFixture>
{
    private const string Ns = "lists";
    private readonly BareSandboxFixture _f;
    private readonly Kubernetes _k;

    public ClientListTests(BareSandboxFixture f)
    {
        _f = f;
        _k = Admin(f);
        if (f.Store.Get(ResourceType.Namespace, null, Ns) is null)
        {
            f.Store.Create(ResourceType.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = Ns } }, "tests");
            Seed(f.Store, ("l-a", "dev", "eu"), ("l-b", "dev", null), ("l-c", "prod", "us"), ("l-d", null, "eu"), ("l-e", "test", null));
        }
    }

    [Theory]
    [InlineData("env=dev", "l-a,l-b")]
    [InlineData("env==prod", "l-c")]
    [InlineData("env!=dev", "l-c,l-d,l-e")]
    [InlineData("env in (dev,prod)", "l-a,l-b,l-c")]
    [InlineData("env notin (dev,prod)", "l-d,l-e")]
    [InlineData("region", "l-a,l-c,l-d")]
    [InlineData("!region", "l-b,l-e")]
    [InlineData("env=dev,region=eu", "l-a")]
    public async Task Label_selectors_select_like_the_apiserver(string selector, string expected)
    {
        var list = await ListAsync(_k, Ns, labelSelector: selector);
        Assert.Equal(expected, string.Join(',', Names(list)));
    }

    [Fact]
    public async Task Field_selectors_support_metadata_and_reject_other_fields()
    {
        Assert.Equal(["l-c"], Names(await ListAsync(_k, Ns, fieldSelector: "metadata.name=l-c")));
        Assert.Equal(4, Names(await ListAsync(_k, Ns, fieldSelector: "metadata.name!=l-c")).Count);

        var (code, status) = await FailureAsync(() => ListAsync(_k, Ns, fieldSelector: "spec.template=x"));
        Assert.Equal((HttpStatusCode.BadRequest, "field label not supported: spec.template"), (code, Message(status)));
    }

    [Fact]
    public async Task Limit_and_continue_page_through_every_object_once()
    {
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(_k, Ns, limit: 2, continueToken: token);
            names.AddRange(Names(page));
            token = page["metadata"]!["continue"]?.GetValue<string>();
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(["l-a", "l-b", "l-c", "l-d", "l-e"], names);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task A_list_carries_the_current_resource_version()
    {
        var list = await ListAsync(_k, Ns);
        Assert.Equal(_f.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), list["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("ClusterDeploymentList", list["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Five_thousand_objects_list_in_one_answer()
    {
        const string BigNs = "big";
        _f.Store.Create(ResourceType.Namespace, new JsonObject { ["metadata"] = new JsonObject { ["name"] = BigNs } }, "tests");
        for (var i = 0; i < 5000; i++)
        {
            _f.Store.Create(ResourceType.ClusterDeployment, Cd($"big-{i:D4}", BigNs), "tests");
        }

        var all = await _k.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(CdGroup, CdVersion, CdPlural, labelSelector: "!absent");
        Assert.Equal(5000, Names(all).Count(n => n.StartsWith("big-", StringComparison.Ordinal)));
        _f.Store.Delete(ResourceType.Namespace, null, BigNs);
    }

    private static List<string> Names(JsonObject list) => list["items"]!.AsArray().Select(Name).ToList();

    private static void Seed(ObjectStore store, params (string Name, string? Env, string? Region)[] objects)
    {
        foreach (var (name, env, region) in objects)
        {
            var obj = Cd(name, Ns);
            var labels = new JsonObject();
            if (env is not null)
            {
                labels["env"] = env;
            }

            if (region is not null)
            {
                labels["region"] = region;
            }

            obj["metadata"]!["labels"] = labels;
            store.Create(ResourceType.ClusterDeployment, obj, "tests");
        }
    }
}
