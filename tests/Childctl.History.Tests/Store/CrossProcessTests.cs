using System.Globalization;
using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.History.Tests.Store;

/// <summary>Real processes appending to one file at once, and real processes killed with SIGKILL.</summary>
public sealed class CrossProcessTests : IDisposable
{
    private const string Mc = "arn:aws:eks:us-west-2:123456789012:cluster/mgmt";
    private static readonly HistoryStreamId Stream = new(Mc, "kcm-system", "shared");
    private readonly TempDirectory _dir = new("childctl-xproc");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ThirtyTwoProcesses_FiveHundredAppendsEach_AllSixteenThousandEventsPresentAndParseable()
    {
        const int Writers = 32;
        const int PerWriter = 500;
        var processes = Enumerable.Range(0, Writers)
            .Select(w => AppendHelperProcess.Start(_dir.Path, Mc, Stream.Namespace, Stream.Name, $"w{w}", PerWriter.ToString(CultureInfo.InvariantCulture), barrier: true))
            .ToList();
        foreach (var process in processes)
        {
            await AppendHelperProcess.WaitForLineAsync(process, "started");
        }

        foreach (var process in processes)
        {
            await process.StandardInput.WriteLineAsync("go");
            await process.StandardInput.FlushAsync();
        }
        foreach (var process in processes)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await stderr);
            process.Dispose();
        }

        var read = await new FileHistoryStore(_dir.Path).ReadAsync(Stream);

        Assert.Null(read.TornTail);
        var events = read.Document!.Events;
        Assert.Equal(Writers * PerWriter, events.Count);
        Assert.Equal(Writers * PerWriter, events.Select(e => e.Id).Distinct().Count());
        foreach (var writer in events.GroupBy(e => e.User))
        {
            // Each writer's own appends stay in its order: nothing lost, nothing reordered.
            Assert.Equal(Enumerable.Range(0, PerWriter).Select(i => i.ToString(CultureInfo.InvariantCulture)), writer.Select(e => e.Parameters!["seq"]));
        }
    }

    [Fact]
    public async Task Kill_DuringTightAppendLoop_FileReadsAndTheNextAppendSucceeds()
    {
        using var process = AppendHelperProcess.Start(_dir.Path, Mc, Stream.Namespace, Stream.Name, "victim", "forever");
        await AppendHelperProcess.WaitForLineAsync(process, "ready");
        var store = new FileHistoryStore(_dir.Path);
        while (((await store.ReadAsync(Stream)).Document?.Events.Count ?? 0) < 50)
        {
            await Task.Yield();
        }

        process.Kill(); // SIGKILL: no finally blocks, no flush, the lock dies with the process
        await process.WaitForExitAsync();

        var read = await store.ReadAsync(Stream);
        var seqs = read.Document!.Events.Select(e => int.Parse(e.Parameters!["seq"], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, seqs.Count), seqs);
        var next = await store.AppendAsync(Stream, [Events.Note("after-kill")]);
        Assert.Equal(seqs.Count, next.Version);
        if (read.TornTail is { } torn)
        {
            Assert.Equal(torn.Length, new FileInfo(next.RepairedTail!.SidePath!).Length);
        }
    }

    [Fact]
    public async Task Kill_WhileHoldingTheLockMidWrite_TornTailIsReportedPreservedAndCut_AndTheLockIsFree()
    {
        using var process = AppendHelperProcess.Start(_dir.Path, Mc, Stream.Namespace, Stream.Name, "victim", "tear");
        await AppendHelperProcess.WaitForLineAsync(process, "torn");
        var store = new FileHistoryStore(_dir.Path);
        var path = store.PathOf(Stream);
        var before = await File.ReadAllBytesAsync(path);

        process.Kill();
        await process.WaitForExitAsync();
        var read = await store.ReadAsync(Stream);

        Assert.NotNull(read.TornTail);
        Assert.Equal(["victim-0"], read.Document!.Events.Select(e => e.Id));
        Assert.Equal(before, await File.ReadAllBytesAsync(path)); // reading never writes
        var next = await store.AppendAsync(Stream, [Events.Note("after-kill")]);
        Assert.Equal(1, next.Version);
        Assert.Equal(read.TornTail.Offset, next.RepairedTail!.Offset);
        Assert.Equal(before[(int)read.TornTail.Offset..], await File.ReadAllBytesAsync(next.RepairedTail.SidePath!));
        Assert.Equal(before[..(int)read.TornTail.Offset], (await File.ReadAllBytesAsync(path))[..(int)read.TornTail.Offset]);
    }
}
