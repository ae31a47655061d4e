using System.Diagnostics;
using Childctl.History.Storage;
using Childctl.History.Store;
using Childctl.Testing;
using Microsoft.Win32.SafeHandles;

namespace Childctl.History.Tests.Store;

/// <summary>
/// A full or broken disk: through the store's <see cref="DiskIo"/> seam (always run), and on a real 64 KiB tmpfs when
/// the tests may mount one (root; skipped visibly otherwise). A failed append leaves the file as it was; reading
/// never writes, so it works on a read-only disk and only reports a torn tail.
/// </summary>
public sealed class DiskFaultTests : IDisposable
{
    private static readonly HistoryStreamId Stream = new("mgmt", "kcm-system", "c1");
    private readonly TempDirectory _dir = new("childctl-disk");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(150)]
    public async Task Append_DiskFullAfterPartOfTheWrite_CutsBackToWhereItStarted_AndSaysSo(int bytesWritten)
    {
        var (path, before) = await OneEventAsync();
        var disk = new FailingDisk { WriteLimit = bytesWritten };

        var error = await Assert.ThrowsAsync<HistoryException>(() => new FileHistoryStore(_dir.Path, null, disk).AppendAsync(Stream, [Events.Full("e2")]));

        Assert.Equal((HistoryErrorKind.Io, path), (error.Kind, error.Path));
        Assert.Contains("the disk is full; nothing was recorded: the file was cut back to where the append started", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.Equal(1, (await new FileHistoryStore(_dir.Path).AppendAsync(Stream, [Events.Note("e3")])).Version);
    }

    [Fact]
    public async Task Append_DiskFullAndTheCutFailsToo_LeavesATornTailThatReadsSkipAndTheNextAppendSetsAside()
    {
        var (path, before) = await OneEventAsync();
        var disk = new FailingDisk { WriteLimit = 40, FailCut = true };

        var error = await Assert.ThrowsAsync<HistoryException>(() => new FileHistoryStore(_dir.Path, null, disk).AppendAsync(Stream, [Events.Full("e2")]));
        var read = await new FileHistoryStore(_dir.Path).ReadAsync(Stream);
        var next = await new FileHistoryStore(_dir.Path).AppendAsync(Stream, [Events.Note("e3")]);

        Assert.Contains("could not be cut back; the next append sets it aside as a torn tail", error.Message, StringComparison.Ordinal);
        Assert.Equal((before.Length, 40L, false), (read.TornTail!.Offset, read.TornTail.Length, read.TornTail.SetAside));
        Assert.Equal(["e1"], read.Document!.Events.Select(e => e.Id));
        Assert.Equal(40, new FileInfo(next.RepairedTail!.SidePath!).Length);
        Assert.Equal(["e1", "e3"], (await new FileHistoryStore(_dir.Path).ReadAsync(Stream)).Document!.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task Append_FsyncFails_TakesTheEventBackOut_AndReportsTheFailure()
    {
        var (path, before) = await OneEventAsync();
        var disk = new FailingDisk { FailFlushOnce = true };

        var error = await Assert.ThrowsAsync<HistoryException>(() => new FileHistoryStore(_dir.Path, null, disk).AppendAsync(Stream, [Events.Note("e2")]));

        Assert.Contains("cannot flush to disk", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was recorded", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Read_TornTail_WritesNothing_NotEvenALockFile()
    {
        var (path, before) = await OneEventAsync();
        File.Delete(HistoryLayout.LockPath(path));
        byte[] torn = [.. before, .. "  - timestamp: \"2025-07-11T14:31:00Z\"\n    id: e2\n    acti"u8.ToArray()];
        await File.WriteAllBytesAsync(path, torn);
        var entries = Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Order().ToList();

        var read = await new FileHistoryStore(_dir.Path).ReadAsync(Stream);

        Assert.Equal((before.Length, false), (read.TornTail!.Offset, read.TornTail.SetAside));
        Assert.Equal(torn, await File.ReadAllBytesAsync(path));
        Assert.Equal(entries, Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Order().ToList());
    }

    [TmpfsFact]
    public async Task Tmpfs_RealDiskFullMidAppend_LeavesTheFileAsItWas_ThenReadOnlyDiskStillReads()
    {
        var mount = _dir.Combine("tmpfs");
        Directory.CreateDirectory(mount);
        Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount);
        try
        {
            var store = new FileHistoryStore(Path.Combine(mount, "history"));
            await store.AppendAsync(Stream, [Events.Note("e1")]);
            var path = store.PathOf(Stream);
            var before = await File.ReadAllBytesAsync(path);
            var filler = Path.Combine(mount, "filler");
            FillDisk(filler);

            var error = await Assert.ThrowsAsync<HistoryException>(() => store.AppendAsync(Stream, [Events.Note("e2", new string('x', 6000))]));

            Assert.Contains("the disk is full; nothing was recorded", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, await File.ReadAllBytesAsync(path));
            byte[] torn = [.. before, .. "  - timestamp: \"2025-07-11T14:31:00Z\"\n    id: e3\n"u8.ToArray()];
            File.Delete(filler);
            await File.WriteAllBytesAsync(path, torn);
            Run("mount", "-o", "remount,ro", mount);

            var read = await new FileHistoryStore(Path.Combine(mount, "history")).ReadAsync(Stream);
            var append = await Assert.ThrowsAsync<HistoryException>(() => new FileHistoryStore(Path.Combine(mount, "history")).AppendAsync(Stream, [Events.Note("e4")]));

            Assert.Equal(["e1"], read.Document!.Events.Select(e => e.Id));
            Assert.Equal((before.Length, false), (read.TornTail!.Offset, read.TornTail.SetAside));
            Assert.Equal(HistoryErrorKind.Io, append.Kind);
            Assert.Equal(torn, await File.ReadAllBytesAsync(path));
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private async Task<(string Path, byte[] Before)> OneEventAsync()
    {
        var store = new FileHistoryStore(_dir.Path);
        await store.AppendAsync(Stream, [Events.Note("e1")]);
        var path = store.PathOf(Stream);
        return (path, await File.ReadAllBytesAsync(path));
    }

    private static void FillDisk(string filler)
    {
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var chunk = new byte[1024];
        try
        {
            while (true)
            {
                stream.Write(chunk);
            }
        }
        catch (IOException)
        {
            // full
        }
    }

    internal static void Run(string command, params string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)}: {stderr}");
    }

    /// <summary>A disk that fills up after <see cref="WriteLimit"/> bytes of the next write (ENOSPC), and can fail cuts or one fsync.</summary>
    private sealed class FailingDisk : DiskIo
    {
        public int? WriteLimit { get; init; }

        public bool FailCut { get; init; }

        public bool FailFlushOnce { get; set; }

        public override void Write(SafeFileHandle file, ReadOnlySpan<byte> bytes, long offset)
        {
            if (WriteLimit is not { } limit)
            {
                base.Write(file, bytes, offset);
                return;
            }

            base.Write(file, bytes[..Math.Min(limit, bytes.Length)], offset);
            throw new IOException("No space left on device", 28);
        }

        public override void Flush(SafeFileHandle file)
        {
            if (FailFlushOnce)
            {
                FailFlushOnce = false;
                throw new IOException("Input/output error", 5);
            }

            base.Flush(file);
        }

        public override void SetLength(SafeFileHandle file, long length)
        {
            if (FailCut)
            {
                throw new IOException("Input/output error", 5);
            }

            base.SetLength(file, length);
        }
    }
}

/// <summary>Runs the test only where it may mount a tmpfs (root with the capability); otherwise it is reported as skipped, saying why.</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public TmpfsFactAttribute()
    {
        if (Reason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return "mounting a tmpfs needs root on Linux; the DiskIo seam tests cover a full disk without it";
        }

        var dir = Path.Combine(Path.GetTempPath(), $"childctl-tmpfs-probe-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            DiskFaultTests.Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir);
            DiskFaultTests.Run("umount", dir);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"cannot mount a tmpfs here ({e.Message.Split('\n')[0]}); the DiskIo seam tests cover a full disk without it";
        }
        finally
        {
            Directory.Delete(dir);
        }
    }
}
