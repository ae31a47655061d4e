using System.Text.Json.Nodes;
using Childctl.Sandbox;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

public sealed class VersionCommandTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Version_WhenTheManagementClusterAnswers_ShowsClientServerAndK0rdentRelease()
    {
        var result = await fixture.NewRun().RunAsync("version");

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Stderr));
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Client Version: v", lines[0], StringComparison.Ordinal);
        Assert.Equal($"Server Version: {SandboxVersion.GitVersion}", lines[1]);
        Assert.Equal($"k0rdent Version: {SandboxVersion.K0rdentVersion} (Release {SandboxVersion.K0rdentRelease})", lines[2]);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task Version_WhenStructured_HasKubectlsShapeAndTheK0rdentRelease(string format)
    {
        var result = await fixture.NewRun().RunAsync("version", "-o", format);

        Assert.Equal((0, string.Empty), (result.ExitCode, result.Stderr));
        var doc = (format == "json" ? JsonNode.Parse(result.Stdout) : YamlJson.Parse(result.Stdout))!;
        var client = doc["clientVersion"]!;
        Assert.StartsWith("v" + client["major"]!.GetValue<string>() + "." + client["minor"]!.GetValue<string>() + ".", client["gitVersion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("JIT", client["compiler"]!.GetValue<string>()); // tests run the JIT build; the AOT tests check NativeAOT
        Assert.Matches("^(linux|darwin|windows)/(amd64|arm64)$", client["platform"]!.GetValue<string>());
        Assert.Equal(40, client["gitCommit"]!.GetValue<string>().Length);
        Assert.Equal(SandboxVersion.GitVersion, doc["serverVersion"]!["gitVersion"]!.GetValue<string>());
        Assert.Equal(SandboxVersion.Minor, doc["serverVersion"]!["minor"]!.GetValue<string>());
        Assert.Equal(SandboxVersion.K0rdentRelease, doc["k0rdentVersion"]!["release"]!.GetValue<string>());
        Assert.Equal(SandboxVersion.K0rdentVersion, doc["k0rdentVersion"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Version_WhenTheServerIsUnreachable_WarnsOnceAndShowsTheClientOnly()
    {
        using var home = new TempDirectory("childctl-version");
        var kubeconfig = home.Combine("kubeconfig");
        var text = await File.ReadAllTextAsync(fixture.KubeconfigPath);
        await File.WriteAllTextAsync(kubeconfig, System.Text.RegularExpressions.Regex.Replace(text, @"server: https://127\.0\.0\.1:\d+", "server: https://127.0.0.1:1"));

        var result = await TestCli.InHome(home.Path, kubeconfig).RunAsync("version", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: showing the client version only: ", warning, StringComparison.Ordinal);
        var doc = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(["clientVersion"], doc.Select(p => p.Key));
    }
}
