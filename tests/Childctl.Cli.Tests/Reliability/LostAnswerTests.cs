using Childctl.Cli.Tests.Lifecycle;
using Childctl.Testing;
using static Childctl.Cli.Tests.Reliability.FaultWorld;

namespace Childctl.Cli.Tests.Reliability;

/// <summary>
/// A write the server applied whose answer never came back (the sandbox cuts the connection after applying it, as a
/// dropped connection or a proxy timing out would): history says what happened, never "failed" for a change that was
/// made. Healed by the retry of a write that cannot apply twice, or, with retries off, by reading the object back.
/// </summary>
public sealed class LostAnswerTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>, IDisposable
{
    public void Dispose() => fixture.Faults.Reset();

    [Fact]
    public async Task Scale_WhenTheAnswerIsLostAndTheRetryMeetsItsOwnWrite_RecordsScaled()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "la-scale", "--region", "us-west-2", "--worker-number", "1")).ExitCode);
        fixture.Faults.Answers.CutNext = 1;

        var result = await run.RunAsync("scale", "la-scale", "--workers", "3", "--force", "-v");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("retrying patch ClusterDeployment \"la-scale\" in namespace \"kcm-system\" after", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, Workers((await LiveAsync(run, "la-scale"))!.Value));
        Assert.Equal(["cluster_scale_requested/pending", "cluster_scaled/succeeded"], Changes(run, "la-scale")[^2..]);
    }

    [Fact]
    public async Task Create_WhenTheAnswerIsLostAndTheRetryFindsItsOwnObject_RecordsCreated()
    {
        var run = fixture.NewRun();
        fixture.Faults.Answers.CutNext = 1;

        var result = await run.RunAsync("create", "aws", "la-create", "--region", "us-west-2");

        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(await LiveAsync(run, "la-create"));
        Assert.Equal(["cluster_create_requested/pending", "cluster_created/succeeded"], Changes(run, "la-create"));
    }

    [Fact]
    public async Task Delete_WhenTheAnswerIsLost_SaysDeletedAndRecordsDeleted()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "la-delete", "--region", "us-west-2")).ExitCode);
        (fixture.Faults.Answers.Verb, fixture.Faults.Answers.CutNext) = ("delete", 1);

        var result = await run.RunAsync("delete", "la-delete", "--yes");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("la-delete (kcm-system) deleted", result.Stdout, StringComparison.Ordinal);
        Assert.True(Deleting(await LiveAsync(run, "la-delete")));
        Assert.Equal(["cluster_delete_requested/pending", "cluster_deleted/succeeded"], Changes(run, "la-delete")[^2..]);
    }

    [Theory]
    [InlineData("scale")]
    [InlineData("create")]
    [InlineData("delete")]
    public async Task Change_WhenTheAnswerIsLostWithoutRetries_ReadsTheObjectBackAndRecordsWhatHappened(string command)
    {
        var name = $"lb-{command}";
        var run = fixture.NewRun().WithoutWriteRetries();
        if (command != "create")
        {
            Assert.Equal(0, (await run.RunAsync("create", "aws", name, "--region", "us-west-2", "--worker-number", "1")).ExitCode);
        }

        (fixture.Faults.Answers.Verb, fixture.Faults.Answers.CutNext) = (command == "scale" ? "patch" : command, 1);
        string[] args = command switch
        {
            "scale" => ["scale", name, "--workers", "4", "--force"],
            "create" => ["create", "aws", name, "--region", "us-west-2"],
            _ => ["delete", name, "--yes"],
        };

        var result = await run.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var recorded = Changes(run, name);
        Assert.DoesNotContain(recorded, e => e.EndsWith("/failed", StringComparison.Ordinal));
        Assert.EndsWith("/succeeded", recorded[^1], StringComparison.Ordinal);
        Assert.Contains("read back: the object", run.HistoryText(name), StringComparison.Ordinal);
        var live = await LiveAsync(run, name);
        Assert.True(command switch { "scale" => Workers(live!.Value) == 4, "create" => live is not null, _ => Deleting(live) });
    }

    [Fact]
    public async Task Scale_WhenTheServerShedsLoad_RetriesThrottledWritesAndSucceeds()
    {
        var run = fixture.NewRun().WithPatientRetries();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "la-busy", "--region", "us-west-2", "--worker-number", "1")).ExitCode);
        fixture.Faults.Settings = fixture.Faults.Settings with { TooManyRequestsRate = 0.5, RetryAfterSeconds = 0 };

        var results = new List<int>();
        for (var workers = 2; workers <= 7; workers++)
        {
            results.Add((await run.RunAsync("scale", "la-busy", "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture), "--force")).ExitCode);
        }

        fixture.Faults.Reset();
        Assert.All(results, code => Assert.Equal(0, code));
        Assert.Equal(7, Workers((await LiveAsync(run, "la-busy"))!.Value));
        Assert.Equal(6, Changes(run, "la-busy").Count(e => e == "cluster_scaled/succeeded"));
    }

    [Fact]
    public async Task Delete_WhenTheServerFailsAThirdOfRequests_DeletesEveryClusterOfTheBulk()
    {
        var run = fixture.NewRun().WithPatientRetries();
        var names = Enumerable.Range(1, 8).Select(i => $"la-bulk-{i}").ToList();
        foreach (var name in names)
        {
            // Ready first: k0rdent labels a new cluster, and a label added after the plan rightly refuses its delete.
            Assert.Equal(0, (await run.RunAsync("create", "aws", name, "--region", "us-west-2", "--cluster-labels", "batch=la-bulk", "--wait")).ExitCode);
        }

        fixture.Faults.Settings = fixture.Faults.Settings with { ServerErrorRate = 0.3 };
        var result = await run.RunAsync("delete", "-l", "batch=la-bulk", "--yes");
        fixture.Faults.Reset();

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        foreach (var name in names)
        {
            Assert.True(Deleting(await LiveAsync(run, name)), name);
            Assert.Equal("cluster_deleted/succeeded", Changes(run, name)[^1]);
        }
    }
}
