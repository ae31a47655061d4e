using System.Text.Json;
using System.Text.RegularExpressions;
using Childctl.Core;
using Childctl.Kubernetes;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Reliability;

/// <summary>
/// What the fault-injection tests share: the sandbox (its faults are the class's own: one sandbox per test class), a
/// shell whose API retries are as generous or as absent as the case needs, and the two views every test compares at
/// the end: the live object, and the actions and results the cluster's history file holds, in order.
/// </summary>
internal static partial class FaultWorld
{
    /// <summary>A shell on the sandbox whose writes are never retried: a lost answer reaches the read-back at once.</summary>
    public static TestCli WithoutWriteRetries(this TestCli run)
    {
        run.CreateSession = options => new Session(options, api: new ApiOptions { MaxWriteRetries = 0 });
        return run;
    }

    /// <summary>A shell whose requests are retried often and without waiting, so that a rate of faults cannot outlast them.</summary>
    public static TestCli WithPatientRetries(this TestCli run)
    {
        run.CreateSession = options => new Session(options, api: new ApiOptions
        {
            MaxReadRetries = 12, MaxWriteRetries = 12, FirstRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        });
        return run;
    }

    /// <summary>"action/result" of each event in the cluster's history file, in file order.</summary>
    public static List<string> Recorded(TestCli run, string name)
    {
        var text = run.HistoryText(name);
        var events = new List<string>();
        foreach (var block in text.Split("\n  - ", StringSplitOptions.None).Skip(1))
        {
            var action = ActionLine().Match(block).Groups[1].Value;
            var result = ResultLine().Match(block) is { Success: true } m ? m.Groups[1].Value : "-";
            events.Add($"{action}/{result}");
        }

        return events;
    }

    /// <summary>The live ClusterDeployment as the API serves it, or null when it is gone.</summary>
    public static async Task<JsonElement?> LiveAsync(TestCli run, string name)
    {
        var result = await run.RunAsync("status", name, "-o", "json");
        if (result.ExitCode == 3)
        {
            return null;
        }

        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    public static long? Workers(JsonElement live) =>
        live.GetProperty("spec").GetProperty("config").TryGetProperty("workersNumber", out var w) ? w.GetInt64() : null;

    public static bool Deleting(JsonElement? live) => live is null || live.Value.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _);

    [GeneratedRegex(@"(?m)^\s*action: (\S+)")]
    private static partial Regex ActionLine();

    [GeneratedRegex(@"(?m)^\s*result: (\S+)")]
    private static partial Regex ResultLine();
}
