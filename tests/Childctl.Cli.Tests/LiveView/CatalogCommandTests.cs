using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

public class CatalogCommandTests : IClassFixture<LiveViewSandbox>
{
    private readonly LiveViewSandbox _world;

    public CatalogCommandTests(LiveViewSandbox world)
    {
        _world = world;
    }

    [Theory]
    [InlineData("templates", "templates.txt")]
    [InlineData("templates -A", "templates-all-namespaces.txt")]
    [InlineData("credentials", "credentials.txt")]
    [InlineData("credentials -o wide", "credentials-wide.txt")]
    [InlineData("credentials -A", "credentials-all-namespaces.txt")]
    public async Task Catalog_WhenATable_MatchesTheGoldenFile(string args, string golden)
    {
        var result = await _world.RunAsync(args.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Golden.Check(golden, Golden.MaskUids(result.Stdout));
    }

    [Fact]
    public async Task Credentials_WhenTheNamespaceHasNone_SaySo()
    {
        var result = await _world.RunAsync("credentials", "-n", LiveViewSandbox.OtherNs);

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Stdout));
        Assert.Equal("No credentials found in namespace team-b.\n", result.Stderr);
    }

    [Theory]
    [InlineData("templates", "json")]
    [InlineData("templates", "yaml")]
    [InlineData("credentials", "json")]
    [InlineData("credentials", "yaml")]
    public async Task Catalog_WhenStructured_IsAListOfTheServedObjects(string command, string format)
    {
        var result = await _world.RunAsync(command, "-o", format);

        Assert.Equal(0, result.ExitCode);
        var list = (format == "json" ? JsonNode.Parse(result.Stdout) : YamlJson.Parse(result.Stdout))!;
        var type = command == "templates" ? ResourceType.ClusterTemplate : ResourceType.Credential;
        var expected = new JsonArray(_world.Store.List(type, LiveViewSandbox.Ns).Select(o =>
        {
            o["metadata"]!.AsObject().Remove("managedFields");
            return (JsonNode)o;
        }).ToArray());
        Assert.True(JsonNode.DeepEquals(expected, list["items"]), result.Stdout);
    }

    [Fact]
    public async Task Templates_WhenName_PrintsKindDotGroupSlashName()
    {
        var result = await _world.RunAsync("templates", "-n", LiveViewSandbox.OtherNs, "-o", "name");

        Assert.Equal("clustertemplate.k0rdent.mirantis.com/gcp-standalone-cp-1-0-43\n", result.Stdout);
    }
}
