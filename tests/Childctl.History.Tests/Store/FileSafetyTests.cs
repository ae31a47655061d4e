using System.Runtime.InteropServices;
using Childctl.History.Query;
using Childctl.History.Storage;
using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.History.Tests.Store;

/// <summary>What stands where a history file should be, file modes, stray temp files, and one bad file among many.</summary>
[Collection(UmaskCollection.Name)]
public sealed partial class FileSafetyTests : IDisposable
{
    private static readonly HistoryStreamId Stream = new("mgmt", "kcm-system", "c1");
    private static readonly HistoryStreamId Other = new("mgmt", "kcm-system", "c2");
    private readonly TempDirectory _dir = new("childctl-safety");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Symlink_ToAnotherClustersFile_IsRefusedForReadAndAppend_AndTheTargetIsUntouched()
    {
        var store = new FileHistoryStore(_dir.Path);
        await store.AppendAsync(Other, [Events.Note("o1")]);
        var target = store.PathOf(Other);
        var before = await File.ReadAllBytesAsync(target);
        File.CreateSymbolicLink(store.PathOf(Stream), target);

        var read = await Assert.ThrowsAsync<HistoryException>(() => store.ReadAsync(Stream));
        var append = await Assert.ThrowsAsync<HistoryException>(() => store.AppendAsync(Stream, [Events.Note("e1")]));
        var check = await Assert.ThrowsAsync<HistoryException>(() => store.CheckAppendableAsync(Stream));

        foreach (var error in new[] { read, append, check })
        {
            Assert.Equal((HistoryErrorKind.Io, store.PathOf(Stream)), (error.Kind, error.Path));
            Assert.Contains($"is a symbolic link (to {target}); childctl reads and appends only plain files", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Folder_WhereTheFileShouldBe_IsReportedByReadAppendAndListing()
    {
        var store = new FileHistoryStore(_dir.Path);
        await store.AppendAsync(Other, [Events.Note("o1")]);
        Directory.CreateDirectory(store.PathOf(Stream));

        var read = await Assert.ThrowsAsync<HistoryException>(() => store.ReadAsync(Stream));
        var append = await Assert.ThrowsAsync<HistoryException>(() => store.AppendAsync(Stream, [Events.Note("e1")]));

        Assert.Contains("is a folder; childctl reads and appends only plain files", read.Message, StringComparison.Ordinal);
        Assert.Equal(read.Message, append.Message);
        Assert.Equal(["mgmt/kcm-system/c1", "mgmt/kcm-system/c2"], store.ListStreams("mgmt").Select(s => s.Stream.ToString()));
    }

    [Fact]
    public async Task ReadAll_OneBadFileAmongMany_ReportsItBesideTheOthers()
    {
        var store = new FileHistoryStore(_dir.Path);
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await store.AppendAsync(new HistoryStreamId("mgmt", "kcm-system", name), [Events.Note("x-" + name)]);
        }

        await File.WriteAllTextAsync(store.PathOf(new HistoryStreamId("mgmt", "kcm-system", "b")), "cluster_name: b\nevents: {a: b}\n");
        await File.WriteAllTextAsync(store.PathOf(new HistoryStreamId("mgmt", "kcm-system", "c")), "cluster_name: c\nevents: []\n");
        File.Delete(store.PathOf(new HistoryStreamId("mgmt", "kcm-system", "d")));
        Directory.CreateDirectory(store.PathOf(new HistoryStreamId("mgmt", "kcm-system", "d")));

        var result = await new HistoryReader(store).ReadAllAsync("mgmt", null, null, HistoryFilter.All);

        Assert.Equal(["a", "c", "e"], result.Clusters.Select(c => c.Stream.Name));
        Assert.Equal(["b: Corrupt 2", "d: Io 0"], result.Failures.Select(f => $"{f.Stream.Stream.Name}: {f.Error!.Kind} {f.Error.Line}"));
    }

    [Fact]
    public async Task Append_ToPermissiveFile_TightensItTo0600_WithOneWarning()
    {
        var warnings = new List<string>();
        var store = new FileHistoryStore(_dir.Path) { OnWarning = warnings.Add };
        await store.AppendAsync(Stream, [Events.Note("e1")]);
        var path = store.PathOf(Stream);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("644", 8));

        await store.AppendAsync(Stream, [Events.Note("e2")]);
        await store.AppendAsync(Stream, [Events.Note("e3")]);

        Assert.Equal(SecureFiles.PrivateFile, File.GetUnixFileMode(path));
        Assert.Equal([$"history file {path} was readable by others (mode 0644); it is now 0600"], warnings);
    }

    [Fact]
    public async Task Folders_AreCreated0700AndFiles0600_UnderAnyUmask()
    {
        var old = Umask(0);
        try
        {
            var store = new FileHistoryStore(_dir.Combine("deep", "history"));
            await store.AppendAsync(Stream, [Events.Note("e1")]);
            _ = Umask(Convert.ToInt32("277", 8)); // would take the owner's write bit away from anything created now
            await store.AppendAsync(new HistoryStreamId("mgmt", "team-b", "c1"), [Events.Note("e1")]);

            foreach (var dir in new[] { _dir.Combine("deep"), _dir.Combine("deep", "history"), _dir.Combine("deep", "history", "mgmt"), Path.GetDirectoryName(store.PathOf(Stream))!, _dir.Combine("deep", "history", "mgmt", "team-b") })
            {
                Assert.Equal(SecureFiles.PrivateFolder, File.GetUnixFileMode(dir));
            }

            Assert.Equal(SecureFiles.PrivateFile, File.GetUnixFileMode(store.PathOf(Stream)));
            Assert.Equal(SecureFiles.PrivateFile, File.GetUnixFileMode(store.PathOf(new HistoryStreamId("mgmt", "team-b", "c1"))));
        }
        finally
        {
            _ = Umask(old);
        }
    }

    [Fact]
    public async Task StrayTempFilesOfKilledCreations_AreRemoved_ButALiveProcesssIsKept()
    {
        var store = new FileHistoryStore(_dir.Path);
        await store.AppendAsync(Other, [Events.Note("o1")]);
        var dir = Path.GetDirectoryName(store.PathOf(Stream))!;
        var dead = Path.Combine(dir, $"c1.yaml.{int.MaxValue - 1}.0123456789abcdef.tmp");
        var live = Path.Combine(dir, $"c1.yaml.{Environment.ProcessId}.0123456789abcdef.tmp");
        var fixedTemp = Path.Combine(dir, ".c1.yaml.tmp");
        foreach (var stray in new[] { dead, live, fixedTemp })
        {
            await File.WriteAllTextAsync(stray, "cluster_name: c1\n");
        }

        await store.AppendAsync(Stream, [Events.Note("e1")]);

        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(fixedTemp)); // replaced by the creation and renamed into place
        Assert.True(File.Exists(live));
        Assert.Equal(["e1"], (await store.ReadAsync(Stream)).Document!.Events.Select(e => e.Id));
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial int Umask(int mask);
}

/// <summary>The umask is per process: the test that changes it runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UmaskCollection
{
    public const string Name = "umask";
}
