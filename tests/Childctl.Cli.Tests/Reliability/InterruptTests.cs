using Childctl.Cli.Tests.Lifecycle;
using Childctl.Testing;
using static Childctl.Cli.Tests.Reliability.FaultWorld;

namespace Childctl.Cli.Tests.Reliability;

/// <summary>
/// Ctrl-C while a write is in flight (the sandbox holds the answer of an applied write, as a slow admission webhook
/// would, until the test lets it go): the first Ctrl-C never stops the record, the second abandons the wait and records
/// "unknown", which the next command settles from the object, once. Each test ends with the live object and history agreeing.
/// </summary>
public sealed class InterruptTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>, IDisposable
{
    public void Dispose() => fixture.Faults.Reset();

    [Fact]
    public async Task Scale_WhenCtrlCComesWhileTheWriteIsInFlight_RecordsTheOutcomeAndExits130()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "ic-scale", "--region", "us-west-2", "--worker-number", "1")).ExitCode);
        using var interrupt = new CancellationTokenSource();
        run.Interrupt = interrupt.Token;
        var held = Hold("patch");

        var running = run.RunAsync("scale", "ic-scale", "--workers", "3", "--force");
        await held;
        await interrupt.CancelAsync();
        fixture.Faults.Answers.Release();
        var result = await running;

        Assert.Equal(130, result.ExitCode);
        run.Interrupt = default;
        Assert.Equal(3, Workers((await LiveAsync(run, "ic-scale"))!.Value));
        Assert.Equal(["cluster_scale_requested/pending", "cluster_scaled/succeeded"], Changes(run, "ic-scale")[^2..]);
    }

    [Fact]
    public async Task Scale_WhenASecondCtrlCAbandonsTheWrite_RecordsUnknownThenHistorySettlesItOnce()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "ic-twice", "--region", "us-west-2", "--worker-number", "1")).ExitCode);
        using var interrupt = new CancellationTokenSource();
        using var abandon = new CancellationTokenSource();
        (run.Interrupt, run.Abandon) = (interrupt.Token, abandon.Token);
        var held = Hold("patch");

        var running = run.RunAsync("scale", "ic-twice", "--workers", "5", "--force");
        await held;
        await interrupt.CancelAsync();
        await abandon.CancelAsync();
        var result = await running;
        fixture.Faults.Answers.Release();
        (run.Interrupt, run.Abandon) = (default, default);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal(["cluster_scale_requested/pending", "cluster_scale_unknown/unknown"], Changes(run, "ic-twice")[^2..]);
        Assert.Equal(0, (await run.RunAsync("history", "ic-twice")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("history", "ic-twice")).ExitCode);
        Assert.Equal(5, Workers((await LiveAsync(run, "ic-twice"))!.Value));
        var recorded = Changes(run, "ic-twice");
        Assert.Equal("cluster_scaled/succeeded", recorded[^1]);
        Assert.Single(recorded, e => e == "cluster_scaled/succeeded");
        Assert.Contains("settled_by", run.HistoryText("ic-twice"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WhenCtrlCComesDuringABulkDelete_RecordsEveryDeleteThatWasSent()
    {
        var run = fixture.NewRun();
        var names = Enumerable.Range(1, 6).Select(i => $"ic-bulk-{i}").ToList();
        foreach (var name in names)
        {
            Assert.Equal(0, (await run.RunAsync("create", "aws", name, "--region", "us-west-2", "--cluster-labels", "batch=ic-bulk")).ExitCode);
        }

        using var interrupt = new CancellationTokenSource();
        run.Interrupt = interrupt.Token;
        var held = Hold("delete");

        var running = run.RunAsync("delete", "-l", "batch=ic-bulk", "--yes");
        await held;
        await interrupt.CancelAsync();
        fixture.Faults.Answers.Release();
        var result = await running;
        run.Interrupt = default;

        Assert.Equal(130, result.ExitCode);
        foreach (var name in names)
        {
            var recorded = Changes(run, name);
            var deleting = Deleting(await LiveAsync(run, name));
            Assert.Equal(deleting, recorded.Contains("cluster_deleted/succeeded"));
            Assert.DoesNotContain(recorded, e => e.EndsWith("/pending", StringComparison.Ordinal) && recorded[^1] == e);
        }
    }

    [Fact]
    public async Task Delete_WhenEightCommandsDeleteOneClusterAtOnce_OneDeletesAndNoneClaimsASpecChange()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "ic-race", "--region", "us-west-2")).ExitCode);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => run.RunAsync("delete", "ic-race", "--yes")));

        // A command that plans after the cluster is gone finds nothing to delete (exit 3), as kubectl would.
        Assert.All(results, r =>
        {
            Assert.True(r.ExitCode is 0 or 3, r.Stdout + r.Stderr);
            Assert.DoesNotContain("spec changed", r.Stdout + r.Stderr, StringComparison.Ordinal);
        });
        var recorded = Changes(run, "ic-race");
        Assert.True(recorded.Count(e => e == "cluster_deleted/succeeded") == 1, run.HistoryText("ic-race"));
        Assert.DoesNotContain(recorded, e => e.EndsWith("/failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_WhenTheUserMayDeleteButNotPatch_DeletesAndRecordsThatTheStampWasNotWritten()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "ic-deleter", "--region", "us-west-2")).ExitCode);
        var deleter = Path.Combine(run.Home, "deleter.kubeconfig");
        fixture.Sandbox.WriteDeleterKubeconfig(deleter);

        var result = await run.RunAsync("delete", "ic-deleter", "--yes", "--kubeconfig", deleter);

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("ic-deleter (kcm-system) deleted (deletion accepted; the provenance stamp was not written (permission denied (403)", result.Stdout, StringComparison.Ordinal);
        Assert.True(Deleting(await LiveAsync(run, "ic-deleter")));
        Assert.Equal("cluster_deleted/succeeded", Changes(run, "ic-deleter")[^1]);
        Assert.Contains("provenance_stamp: not written", run.HistoryText("ic-deleter").Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>Holds the answers of applied writes of one verb; completes when the first is applied and held.</summary>
    private Task Hold(string verb)
    {
        fixture.Faults.Answers.Verb = verb;
        fixture.Faults.Answers.Hold();
        return fixture.Faults.Answers.WhenHeldAsync();
    }
}
