using System.Security.Cryptography;
using System.Text.Json;
using Childctl.Testing;

namespace Childctl.Cli.Tests.History;

public sealed class HistoryCommandTests : IDisposable
{
    private const string Marker = "Local history from <tmp>/history (a record of the past, not live state; 'childctl status NAME' shows the cluster now)\n";
    private readonly HistoryCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task History_WhenANameIsGiven_ShowsItsTimelineWithTheNotLiveStateMarker()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("history", "alpha");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Marker, result.Stderr);
        Golden.Check("history/alpha.txt", result.Stdout);
    }

    [Fact]
    public async Task History_WhenNoNameIsGiven_ShowsEveryClusterNewestLast()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("hist");

        Assert.Equal(0, result.ExitCode);
        Golden.Check("history/all.txt", result.Stdout);
    }

    [Fact]
    public async Task History_WhenFiltered_KeepsOnlyMatchingEvents()
    {
        await SeedAsync();

        var since = await _cli.RunAsync("history", "--since", "90m", "-o", "name");
        var action = await _cli.RunAsync("history", "alpha", "--action", "note_added", "-o", "json");
        var user = await _cli.RunAsync("history", "--user", "nobody", "-o", "json");
        var rfc = await _cli.RunAsync("history", "alpha", "--since", "2025-07-11T15:00:00Z", "--until", "2025-07-11T15:10:00Z", "-o", "json");

        Assert.Equal("kcm-system/alpha\nteam-b/alpha\n", since.Stdout);
        Assert.Equal(2, Events(action.Stdout).Count);
        Assert.Empty(Events(user.Stdout));
        Assert.Single(Events(rfc.Stdout));
    }

    [Fact]
    public async Task History_WhenSinceIsInvalid_IsUsageErrorExit2()
    {
        var result = await _cli.RunAsync("history", "--since", "yesterday-ish");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid --since 'yesterday-ish'", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("history", "-n", "../etc")]
    [InlineData("history", "../etc")]
    [InlineData("history", "-A", "a/b")]
    public async Task History_WhenTheNamespaceOrNameIsInvalid_IsExit2(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WhenJson_HasTheFileFieldsAndSaysItIsNotLiveState()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("history", "alpha", "-o", "json");

        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("HistoryList", doc.RootElement.GetProperty("kind").GetString());
        Assert.Contains("not live state", doc.RootElement.GetProperty("note").GetString(), StringComparison.Ordinal);
        var item = doc.RootElement.GetProperty("items")[0];
        Assert.Equal(HistoryCli.Mc, item.GetProperty("management_cluster").GetString());
        Assert.Equal("note_added", item.GetProperty("events")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task History_WhenYaml_IsTheFileStructure()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("history", "beta", "-o", "yaml");

        var file = Directory.GetFiles(_cli.HistoryDir, "beta.yaml", SearchOption.AllDirectories).Single();
        Assert.Equal(await File.ReadAllTextAsync(file), result.Stdout);
    }

    [Theory]
    [InlineData("history", "--user", "nobody")]
    [InlineData("history", "alpha", "--action", "cluster_created")]
    [InlineData("history", "beta", "--since", "2025-07-12T00:00:00Z")]
    public async Task History_WhenNoEntryMatches_SaysSoOnStderr_AndPrintsNoTable(params string[] args)
    {
        await SeedAsync();

        var result = await _cli.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.EndsWith("No history entries match these filters.\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WhenNoEntryMatches_AsJson_IsAnEmptyList()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("history", "--user", "nobody", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"items\": []", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WhenTheClusterIsUnknown_IsNotFoundExit3()
    {
        await SeedAsync();

        var result = await _cli.RunAsync("history", "gamma");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no local history for cluster gamma in namespace kcm-system", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WhenThereIsNoKubeconfig_WorksOfflineOverEveryManagementCluster()
    {
        await SeedAsync();
        File.Delete(_cli.Kubeconfig);

        var result = await _cli.RunAsync("history", "alpha", "-A", "-o", "name");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("kcm-system/alpha\nteam-b/alpha\n", result.Stdout);
        Assert.Contains("note: no usable kubeconfig", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WhenAllManagementClusters_ListsEveryManagementClustersClusters()
    {
        await SeedAsync();
        var other = Path.Combine(_cli.HistoryDir, "other-mgmt", "kcm-system");
        Directory.CreateDirectory(other);
        await File.WriteAllTextAsync(Path.Combine(other, "delta.yaml"), "cluster_name: delta\nnamespace: kcm-system\nevents:\n  - timestamp: \"2025-07-11T13:00:00Z\"\n    action: note_added\n    source: childctl\n");

        var current = await _cli.RunAsync("history", "-o", "name");
        var every = await _cli.RunAsync("history", "--all-management-clusters");

        Assert.Equal("kcm-system/alpha\nkcm-system/beta\nteam-b/alpha\n", current.Stdout);
        Golden.Check("history/all-management-clusters.txt", every.Stdout);
    }

    [Fact]
    public async Task History_WhenAFileIsCorrupt_IsExit2NamingFileAndLineAndLeavesIt()
    {
        await SeedAsync();
        var file = Directory.GetFiles(_cli.HistoryDir, "beta.yaml", SearchOption.AllDirectories).Single();
        await File.WriteAllTextAsync(file, "cluster_name: beta\nnamespace: [kcm-system\nevents:\n");
        var hash = SHA256.HashData(await File.ReadAllBytesAsync(file));

        var result = await _cli.RunAsync("history", "beta");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"beta.yaml is not valid at line 2:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("It was left unchanged", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(hash, SHA256.HashData(await File.ReadAllBytesAsync(file)));
    }

    private static List<JsonElement> Events(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("events").EnumerateArray()).Select(e => e.Clone()).ToList();
    }

    private async Task SeedAsync()
    {
        var notes = new (int Minutes, string Args)[]
        {
            (0, "alpha|created for the load test"),
            (5, "beta|waiting on quota"),
            (70, "alpha|load test done; delete tomorrow|cleanup"),
            (75, "alpha -n team-b|team b copy"),
        };
        foreach (var (minutes, args) in notes)
        {
            _cli.Time = new DateTimeOffset(2025, 7, 11, 14, 0, 0, TimeSpan.Zero).AddMinutes(minutes);
            var parts = args.Split('|');
            var target = parts[0].Split(' ');
            var argv = new List<string> { "note" };
            argv.AddRange(target.Take(1));
            argv.Add(parts[1]);
            argv.AddRange(target.Skip(1));
            if (parts.Length > 2)
            {
                argv.AddRange(["--reason", parts[2]]);
            }

            Assert.Equal(0, (await _cli.RunAsync([.. argv])).ExitCode);
        }

        _cli.Time = HistoryCli.Now;
    }
}
