using System.Text.RegularExpressions;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// A kubeconfig's <c>proxy-url</c> through the whole CLI against the sandbox, beside kubectl on the same kubeconfig: a
/// socks5:// proxy (a logging SOCKS5 stub in front of the sandbox) carries every connection of <c>childctl list</c>, as it
/// carries kubectl's, and the list is the same as without it.
/// </summary>
public sealed partial class ProxyCommandTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task List_WhenTheKubeconfigHasASocks5ProxyUrl_GoesThroughTheProxyAsKubectlDoes()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "via-socks", "--region", "us-west-2")).ExitCode);
        await using var proxy = new Socks5Proxy();
        var kubeconfig = WithProxy(run.Home, proxy.Uri);
        var sandboxPort = new Uri(ServerLine().Match(File.ReadAllText(fixture.KubeconfigPath)).Groups[1].Value).Port;

        var direct = await run.RunAsync("list", "-o", "name");
        var ours = await TestCli.InHome(run.Home, kubeconfig).RunAsync("list", "-o", "name");
        var oursThrough = proxy.Targets;
        var kubectl = await new Kubectl(kubeconfig, Path.Combine(run.Home, "kube-cache")).RunAsync("get", "clusterdeployments", "-n", "kcm-system", "-o", "name");

        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Equal(direct.Stdout, ours.Stdout);
        Assert.Contains("via-socks", ours.Stdout, StringComparison.Ordinal);
        Assert.NotEmpty(oursThrough);
        Assert.All(oursThrough, t => Assert.Equal($"127.0.0.1:{sandboxPort}", t));
        Assert.True(kubectl.ExitCode == 0, kubectl.StdErr);
        Assert.Contains("clusterdeployment.k0rdent.mirantis.com/via-socks", kubectl.StdOut, StringComparison.Ordinal);
        Assert.True(proxy.Targets.Count > oursThrough.Count, "kubectl's connections went through the proxy too");
        Assert.All(proxy.Targets, t => Assert.Equal($"127.0.0.1:{sandboxPort}", t));
    }

    /// <summary>A copy of the sandbox's admin kubeconfig whose cluster has <c>proxy-url</c>.</summary>
    private string WithProxy(string home, Uri proxy)
    {
        var text = File.ReadAllText(fixture.KubeconfigPath);
        var server = ServerLine().Match(text);
        var path = Path.Combine(home, "socks-kubeconfig");
        File.WriteAllText(path, text.Insert(server.Index + server.Length, $"\n    proxy-url: {proxy.ToString().TrimEnd('/')}"));
        return path;
    }

    [GeneratedRegex("server: ([^\\n]+)")]
    private static partial Regex ServerLine();
}
