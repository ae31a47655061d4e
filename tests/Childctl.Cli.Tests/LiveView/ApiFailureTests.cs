using Childctl.Sandbox.Faults;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>What users script against when the API misbehaves: retries, then success or one clear error and exit code.</summary>
public class ApiFailureTests : IClassFixture<LiveViewSandbox>
{
    private readonly LiveViewSandbox _world;

    public ApiFailureTests(LiveViewSandbox world)
    {
        _world = world;
    }

    [Fact]
    public async Task List_WhenThrottled_RetriesAfterRetryAfterAndSucceeds()
    {
        var clock = new TestClock(_world.Clock.GetUtcNow());
        clock.DelayRequested += _ => _world.Faults.Settings = FaultSettings.None;
        _world.Faults.Settings = new FaultSettings { TooManyRequestsRate = 1, RetryAfterSeconds = 2 };
        try
        {
            var result = await RunAsync(clock, "list", "-o", "name");

            Assert.Equal((0, string.Empty), (result.ExitCode, result.Stderr));
            Assert.Contains("clusterdeployment.k0rdent.mirantis.com/aws-uswest2-prod", result.Stdout, StringComparison.Ordinal);
            Assert.Contains(TimeSpan.FromSeconds(2), clock.Delays);
        }
        finally
        {
            _world.Faults.Settings = FaultSettings.None;
        }
    }

    [Fact]
    public async Task List_WhenTheServerFailsOnce_RetriesWithBackoffAndSucceeds()
    {
        var clock = new TestClock(_world.Clock.GetUtcNow());
        clock.DelayRequested += _ => _world.Faults.Settings = FaultSettings.None;
        _world.Faults.Settings = new FaultSettings { ServerErrorRate = 1 };
        try
        {
            var result = await RunAsync(clock, "status", "aws-uswest2-prod");

            Assert.Equal((0, string.Empty), (result.ExitCode, result.Stderr));
            Assert.NotEmpty(clock.Delays);
        }
        finally
        {
            _world.Faults.Settings = FaultSettings.None;
        }
    }

    [Fact]
    public async Task List_WhenTheServerKeepsFailing_FailsClearlyAfterBoundedRetries()
    {
        var clock = new TestClock(_world.Clock.GetUtcNow());
        _world.Faults.Settings = new FaultSettings { ServerErrorRate = 1 };
        try
        {
            var result = await RunAsync(clock, "list");

            Assert.Equal(1, result.ExitCode);
            Assert.Empty(result.Stdout);
            Assert.Matches("^error: the API server at https://127\\.0\\.0\\.1:\\d+ answered 503 ServiceUnavailable to list clusterdeployments\\.k0rdent\\.mirantis\\.com in namespace \"kcm-system\"", result.Stderr);
            Assert.InRange(clock.Delays.Count, 4, 8);
        }
        finally
        {
            _world.Faults.Settings = FaultSettings.None;
        }
    }

    [Fact]
    public async Task List_WhenARequestTimesOut_IsUnreachableSayingWhatToRaise()
    {
        _world.Faults.Settings = new FaultSettings { Latency = TimeSpan.FromSeconds(2) };
        try
        {
            var result = await _world.RunAsync("list", "--request-timeout", "50ms");

            Assert.Equal(5, result.ExitCode);
            Assert.Contains("did not answer within 50ms", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("--request-timeout", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            _world.Faults.Settings = FaultSettings.None;
        }
    }

    [Fact]
    public async Task List_WhenTheTokenIsWrong_IsPermissionDenied()
    {
        var kubeconfig = Path.Combine(_world.Directory, "kubeconfig-wrong-token");
        await File.WriteAllTextAsync(kubeconfig, (await File.ReadAllTextAsync(_world.KubeconfigPath)).Replace(_world.Handle.AdminToken, "not-a-token", StringComparison.Ordinal));

        var result = await new TestCli(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig }) { Time = _world.Clock }.RunAsync("list");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("rejected the credentials (401 Unauthorized)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WhenTheSelectorDoesNotParse_IsBadInputExit2BeforeAnyRequest()
    {
        var result = await RunAsync(new TestClock(_world.Clock.GetUtcNow()), "list", "-l", "bad selector!!");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: invalid label selector 'bad selector!!': ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task LiveViews_WhenTheTokenIsReadOnly_AllWork()
    {
        var env = new Dictionary<string, string> { ["KUBECONFIG"] = _world.ReadOnlyKubeconfigPath, ["CHILDCTL_HISTORY_DIR"] = _world.HistoryDirectory };

        foreach (var args in new[] { ["list", "-A"], ["status", "aws-uswest2-prod"], ["templates"], new[] { "credentials" } })
        {
            var result = await new TestCli(env) { Time = _world.Clock }.RunAsync(args);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', args)}: {result.Stderr}");
        }
    }

    private Task<CliResult> RunAsync(TestClock clock, params string[] args) =>
        new TestCli(new Dictionary<string, string> { ["KUBECONFIG"] = _world.KubeconfigPath, ["CHILDCTL_HISTORY_DIR"] = _world.HistoryDirectory }) { Time = clock }.RunAsync(args);
}
