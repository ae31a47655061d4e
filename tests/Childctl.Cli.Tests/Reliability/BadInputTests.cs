using Childctl.Testing;

namespace Childctl.Cli.Tests.Reliability;

/// <summary>Input an operator's bad day produces, refused with one clear line and exit 2 before any API call.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory _home = new("childctl-bad-input");

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("delete", "-l", "!!!==", "--yes")]
    [InlineData("delete", "-l", "=x", "--yes")]
    [InlineData("list", "-l", "x/y/z=1")]
    [InlineData("watch", "-l", "env in dev")]
    public async Task Selector_WhenTheApiServerWouldRefuseIt_IsAUsageErrorBeforeAnyCall(params string[] args)
    {
        // The kubeconfig points nowhere: a request would fail with exit 5, so exit 2 proves none was made.
        var result = await Run().RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"invalid label selector '{args[2]}'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenTheFileNeverEnds_RefusesItExit2()
    {
        var result = await Run().RunAsync("create", "-f", "/dev/zero");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("-f /dev/zero is", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenACountIsTooLarge_SaysItIsOutOfRange()
    {
        var result = await Run().RunAsync("create", "aws", "big", "--region", "us-west-2", "--worker-number", "99999999999");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--worker-number is out of range: it must be between 0 and 2147483647, not 99999999999", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e-300")]
    [InlineData("1e300")]
    public async Task SandboxUp_WhenTheSpeedIsOutOfRange_RefusesItExit2(string speed)
    {
        var result = await Run().RunAsync("sandbox", "up", "--speed", speed);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--speed is out of range: it must be between 0.01 and 10000 (times real time), not {speed}", result.Stderr, StringComparison.Ordinal);
    }

    private TestCli Run()
    {
        var kubeconfig = _home.Combine("kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: mgmt, cluster: {server: "https://127.0.0.1:1"}}]
            users: [{name: me, user: {token: t}}]
            contexts: [{name: ctx, context: {cluster: mgmt, user: me}}]
            current-context: ctx
            """);
        return TestCli.InHome(_home.Path, kubeconfig);
    }
}
