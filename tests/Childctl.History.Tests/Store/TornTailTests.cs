using System.Text;
using Childctl.History.Codec;
using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.History.Tests.Store;

public sealed class TornTailTests : IDisposable
{
    private static readonly HistoryStreamId Stream = new("mgmt", "kcm-system", "c1");
    private readonly TempDirectory _dir = new("childctl-torn");

    public void Dispose() => _dir.Dispose();

    /// <summary>The first bytes, both sides of every line end, and a stride through the rest of one block.</summary>
    public static TheoryData<int> CutPoints()
    {
        var block = Encoding.UTF8.GetBytes(EventBlockWriter.Block(Events.Full("e3")));
        var cuts = new SortedSet<int>(Enumerable.Range(1, 6));
        for (var i = 0; i < block.Length; i++)
        {
            if (block[i] == (byte)'\n' || i % 23 == 0)
            {
                cuts.UnionWith([i - 1, i, i + 1]);
            }
        }

        var data = new TheoryData<int>();
        foreach (var cut in cuts.Where(c => c > 0 && c < block.Length))
        {
            data.Add(cut);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CutPoints))]
    public async Task Read_AfterWriteCutAtAnyByte_ReportsAndSkipsTheTail_WritingNothing(int cut)
    {
        var (store, path, clean) = await TwoEventsAsync();
        var partial = Encoding.UTF8.GetBytes(EventBlockWriter.Block(Events.Full("e3")))[..cut];
        await File.WriteAllBytesAsync(path, [.. clean, .. partial]);

        var read = await store.ReadAsync(Stream);

        Assert.NotNull(read.TornTail);
        Assert.Equal((clean.Length, partial.Length, false), (read.TornTail.Offset, read.TornTail.Length, read.TornTail.SetAside));
        byte[] expected = [.. clean, .. partial];
        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.torn-*", SearchOption.AllDirectories));
        Assert.Equal(["e1", "e2"], read.Document!.Events.Select(e => e.Id));
    }

    [Theory]
    [MemberData(nameof(CutPoints))]
    public async Task Append_AfterWriteCutAtAnyByte_PreservesAndCutsTheTail(int cut)
    {
        var (store, path, clean) = await TwoEventsAsync();
        var partial = Encoding.UTF8.GetBytes(EventBlockWriter.Block(Events.Full("e3")))[..cut];
        await File.WriteAllBytesAsync(path, [.. clean, .. partial]);

        var result = await new FileHistoryStore(_dir.Path).AppendAsync(Stream, [Events.Note("e4")]);

        Assert.Equal(clean.Length, result.RepairedTail!.Offset);
        Assert.Equal(partial, await File.ReadAllBytesAsync(result.RepairedTail.SidePath!));
        Assert.Equal(clean, (await File.ReadAllBytesAsync(path))[..clean.Length]);
        Assert.Equal(["e1", "e2", "e4"], (await store.ReadAsync(Stream)).Document!.Events.Select(e => e.Id));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(200)]
    public async Task Append_AfterTornWrite_SetsTailAsideAndAppendsCleanly(int cut)
    {
        var (store, path, clean) = await TwoEventsAsync();
        var partial = Encoding.UTF8.GetBytes(EventBlockWriter.Block(Events.Full("e3")))[..cut];
        await File.WriteAllBytesAsync(path, [.. clean, .. partial]);

        var result = await new FileHistoryStore(_dir.Path).AppendAsync(Stream, [Events.Note("e4")]);

        Assert.NotNull(result.RepairedTail);
        Assert.Equal(partial, await File.ReadAllBytesAsync(result.RepairedTail.SidePath!));
        var read = await store.ReadAsync(Stream);
        Assert.Null(read.TornTail);
        Assert.Equal(["e1", "e2", "e4"], read.Document!.Events.Select(e => e.Id));
        Assert.Equal(clean, (await File.ReadAllBytesAsync(path))[..clean.Length]);
    }

    [Fact]
    public async Task Read_ZeroFilledTailAfterPowerLoss_IsTornNotCorrupt()
    {
        var (store, path, clean) = await TwoEventsAsync();
        await File.WriteAllBytesAsync(path, [.. clean, .. new byte[4096]]);

        var read = await store.ReadAsync(Stream);

        Assert.Equal(4096, read.TornTail!.Length);
        Assert.Equal(2, read.Document!.Events.Count);
    }

    [Fact]
    public async Task Read_CompleteFile_ReportsNoTornTailAndCreatesNoSideFile()
    {
        var (store, _, _) = await TwoEventsAsync();

        var read = await store.ReadAsync(Stream);

        Assert.Null(read.TornTail);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.torn-*", SearchOption.AllDirectories));
    }

    private async Task<(FileHistoryStore Store, string Path, byte[] Clean)> TwoEventsAsync()
    {
        var store = new FileHistoryStore(_dir.Path);
        await store.AppendAsync(Stream, [Events.Full("e1")]);
        await store.AppendAsync(Stream, [Events.Note("e2")]);
        var path = store.PathOf(Stream);
        return (store, path, await File.ReadAllBytesAsync(path));
    }
}
