using System.Text.RegularExpressions;
using static Childctl.Cli.Tests.Audit.AuditWorld;

namespace Childctl.Cli.Tests.Audit;

/// <summary>
/// History written before childctl recorded labels and annotations has no baseline for them, so audit cannot tell a label
/// set elsewhere since from one that was always there. It says so instead of "in step" alone, does not call it a change,
/// and <c>audit --record</c> takes the live labels and annotations as the baseline, once; from then on a label changed
/// elsewhere is a change with its recorded and live values.
/// </summary>
public sealed partial class MetadataBaselineTests : IAsyncLifetime
{
    private AuditWorld _world = null!;

    public async Task InitializeAsync() => _world = await StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Audit_WhenHistoryPredatesLabelRecording_SaysLabelsAreNotRecordedAndRecordTakesTheBaselineOnce()
    {
        await _world.CreateAsync("t-old");
        var file = Directory.GetFiles(_world.Run.HistoryDirectory, "t-old.yaml", SearchOption.AllDirectories).Single();
        File.WriteAllText(file, MetadataParameters().Replace(File.ReadAllText(file), string.Empty));
        await _world.KubectlAsync(null, "label", "clusterdeployment", "t-old", "-n", Ns, "team=blue");

        var before = await _world.AuditJsonAsync();
        var recorded = await _world.AuditJsonAsync("--record");
        var again = await _world.AuditJsonAsync("--record");
        await _world.KubectlAsync(null, "label", "clusterdeployment", "t-old", "-n", Ns, "team=green", "--overwrite");
        var changed = await _world.AuditJsonAsync();

        Assert.Equal(0, before.ExitCode);
        var item = Item(before.Report, "t-old");
        Assert.Equal("in_step", item.GetProperty("class").GetString());
        Assert.Empty(item.GetProperty("changes").EnumerateArray());
        Assert.Contains("labels and annotations not recorded in history", item.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 1), (recorded.ExitCode, recorded.Report.GetProperty("recorded").GetInt32()));
        Assert.Equal((0, 0), (again.ExitCode, again.Report.GetProperty("recorded").GetInt32()));
        Assert.DoesNotContain("not recorded", Item(again.Report, "t-old").GetProperty("detail").GetString(), StringComparison.Ordinal);
        var history = _world.Run.HistoryText("t-old");
        Assert.Single(Regex.Matches(history, "action: observed_metadata_baseline"));
        Assert.Contains("metadata.labels.team: blue", history, StringComparison.Ordinal);
        Assert.DoesNotContain("observed_changed_elsewhere", history, StringComparison.Ordinal);
        var change = Assert.Single(Item(changed.Report, "t-old").GetProperty("changes").EnumerateArray());
        Assert.Equal(("metadata.labels.team", "blue", "green"),
            (change.GetProperty("field").GetString(), change.GetProperty("recorded").GetString(), change.GetProperty("live").GetString()));
        Assert.Equal("changed_elsewhere", Item(changed.Report, "t-old").GetProperty("class").GetString());
    }

    /// <summary>The labels and annotations of a snapshot, as history wrote them before it recorded them had none.</summary>
    [GeneratedRegex(@" metadata\.(labels|annotations)(\.[^:,}]+)?: (""[^""]*""|[^,}]+),?")]
    private static partial Regex MetadataParameters();
}
