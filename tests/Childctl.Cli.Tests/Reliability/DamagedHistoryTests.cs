using Childctl.Cli.Tests.Lifecycle;
using Childctl.Core;
using Childctl.History;
using Childctl.History.Store;
using Childctl.Testing;
using static Childctl.Cli.Tests.Reliability.FaultWorld;

namespace Childctl.Cli.Tests.Reliability;

/// <summary>
/// A history file touched by hand, a folder or link in its place, or a disk that fills up after the checks: a change is
/// either recorded as it happened or not made at all (the live object unchanged), never made without its intent, and
/// one bad file hides no other cluster from <c>history</c>.
/// </summary>
public sealed class DamagedHistoryTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Theory]
    [InlineData("crlf")]
    [InlineData("bom")]
    [InlineData("second-document")]
    [InlineData("key-after-events")]
    [InlineData("empty-flow-list")]
    [InlineData("no-events-key")]
    [InlineData("events-at-eof")]
    [InlineData("symlink")]
    [InlineData("folder")]
    public async Task Scale_WhenTheHistoryFileIsDamaged_IsRecordedOrNotMadeAndHistoryShowsTheOthers(string damage)
    {
        var run = fixture.NewRun();
        var name = $"dh-{damage}";
        Assert.Equal(0, (await run.RunAsync("create", "aws", name, "--region", "us-west-2", "--worker-number", "1")).ExitCode);
        var other = $"dh-fine-{damage}";
        Assert.Equal(0, (await run.RunAsync("create", "aws", other, "--region", "us-west-2")).ExitCode);
        var file = Directory.GetFiles(run.HistoryDirectory, name + ".yaml", SearchOption.AllDirectories).Single();
        Damage(file, damage, other);

        var scale = await run.RunAsync("scale", name, "--workers", "2", "--force");
        var history = await run.RunAsync("history");

        Assert.DoesNotContain("unexpected", scale.Stderr + history.Stderr, StringComparison.Ordinal);
        var workers = Workers((await LiveAsync(run, name))!.Value);
        if (scale.ExitCode == 0)
        {
            Assert.Equal(2, workers);
            Assert.Equal(["cluster_scale_requested/pending", "cluster_scaled/succeeded"], Changes(run, name)[^2..]);
        }
        else
        {
            Assert.True(scale.ExitCode is 1 or 2, scale.Stderr);
            Assert.Equal(1, workers);
        }

        Assert.Contains(other, history.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scale", "dd-scale")]
    [InlineData("delete", "dd-delete")]
    [InlineData("create", "dd-create")]
    public async Task Change_WhenTheDiskFillsAfterTheChecks_SendsNothingWithoutItsIntent(string command, string name)
    {
        var run = fixture.NewRun();
        if (command != "create")
        {
            Assert.Equal(0, (await run.RunAsync("create", "aws", name, "--region", "us-west-2", "--worker-number", "1")).ExitCode);
        }

        FullDiskStore? disk = null;
        run.CreateSession = options => new Session(options, disk = new FullDiskStore(new FileHistoryStore(options.HistoryDirectory, options.Time)));
        string[] args = command switch
        {
            "scale" => ["scale", name, "--workers", "3", "--force"],
            "delete" => ["delete", name, "--yes"],
            _ => ["create", "aws", name, "--region", "us-west-2"],
        };

        var result = await run.RunAsync(args);
        run.CreateSession = null;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing was sent: the intent could not be recorded in history", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.True(disk!.Refused > 0);
        var live = await LiveAsync(run, name);
        Assert.True(command switch { "scale" => Workers(live!.Value) == 1, "delete" => !Deleting(live), _ => live is null });
    }

    private static void Damage(string file, string damage, string other)
    {
        var text = File.ReadAllText(file);
        switch (damage)
        {
            case "crlf":
                File.WriteAllText(file, text.Replace("\n", "\r\n", StringComparison.Ordinal));
                break;
            case "bom":
                File.WriteAllBytes(file, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]);
                break;
            case "second-document":
                File.WriteAllText(file, text + "---\nowner: someone\n");
                break;
            case "key-after-events":
                File.WriteAllText(file, text + "owner: platform-team\n");
                break;
            case "empty-flow-list":
                File.WriteAllText(file, text[..text.IndexOf("events:", StringComparison.Ordinal)] + "events: []\n");
                break;
            case "no-events-key":
                File.WriteAllText(file, text[..text.IndexOf("events:", StringComparison.Ordinal)]);
                break;
            case "events-at-eof":
                File.WriteAllText(file, text[..text.IndexOf("events:", StringComparison.Ordinal)] + "events:");
                break;
            case "symlink":
                File.Delete(file);
                File.CreateSymbolicLink(file, Path.Combine(Path.GetDirectoryName(file)!, other + ".yaml"));
                break;
            default:
                File.Delete(file);
                Directory.CreateDirectory(file);
                break;
        }
    }

    /// <summary>The real store, whose appends fail as on a full disk (ENOSPC) while checks and reads still pass.</summary>
    private sealed class FullDiskStore(IHistoryStore inner) : IHistoryStore
    {
        public int Refused { get; private set; }

        public Task<AppendResult> AppendAsync(HistoryStreamId stream, IReadOnlyList<HistoryEvent> events, AppendOptions? options = null, CancellationToken cancellationToken = default)
        {
            Refused++;
            throw new HistoryException(HistoryErrorKind.Io, $"cannot append to the history of {stream}: No space left on device");
        }

        public Task CheckAppendableAsync(HistoryStreamId stream, CancellationToken cancellationToken = default) => inner.CheckAppendableAsync(stream, cancellationToken);

        public Task<IDisposable> HoldChangeAsync(HistoryStreamId stream, CancellationToken cancellationToken = default) => inner.HoldChangeAsync(stream, cancellationToken);

        public IDisposable? TryHoldForSettling(HistoryStreamId stream) => inner.TryHoldForSettling(stream);

        public Task<StreamRead> ReadAsync(HistoryStreamId stream, CancellationToken cancellationToken = default) => inner.ReadAsync(stream, cancellationToken);

        public IReadOnlyList<StreamInfo> ListStreams(string? managementCluster = null, string? ns = null, string? name = null) => inner.ListStreams(managementCluster, ns, name);

        public IReadOnlyList<string> ListManagementClusters() => inner.ListManagementClusters();
    }
}
