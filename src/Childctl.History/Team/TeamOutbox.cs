using System.Globalization;
using System.Text;
using Childctl.History.Storage;
using Childctl.History.Store;

namespace Childctl.History.Team;

/// <summary>
/// This machine's side of the team store for one management cluster, in <c>&lt;management-cluster&gt;/.team/</c> of the
/// history folder (never a history file: history stays append-only and is never rewritten):
/// <list type="bullet">
/// <item><c>pending/</c>: one empty-named marker per event on its way to the team store, created before the local
/// append and removed once the team store has the event. A kill -9 anywhere in between leaves the marker, and the
/// next command sends the event. The name <c>&lt;id&gt;.&lt;pid&gt;.&lt;random&gt;</c> says which process is sending
/// it; pid 0 means nobody is (the send failed), so any process may.</item>
/// <item><c>state</c>: whether the management cluster had team history on when last asked, and when that was
/// (<see cref="TeamState"/>, read on its own before anything here is needed).</item>
/// <item><c>chunks/&lt;namespace&gt;/&lt;name&gt;</c>: the chunk this machine last appended to, a hint that saves a lookup.</item>
/// </list>
/// Nothing here is fsynced: a kill -9 cannot lose what the kernel was given; after a power loss, <c>history push
/// --all</c> compares every local event with the team store.
/// </summary>
public sealed class TeamOutbox
{
    private static readonly TimeSpan InFlightLimit = TimeSpan.FromMinutes(10);
    private readonly string _pending;
    private readonly string _chunks;

    internal TeamOutbox(string directory)
    {
        Directory = directory;
        _pending = Path.Combine(directory, "pending");
        _chunks = Path.Combine(directory, "chunks");
    }

    public string Directory { get; }

    /// <summary>Marks an event as on its way, before it is appended locally.</summary>
    public PendingEvent Mark(HistoryStreamId stream, string id)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SecureFiles.EnsureDirectory(_pending);
        var path = Path.Combine(_pending, $"{id}.{Environment.ProcessId}.{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4))}");
        // The folder is 0700, so the marker (a namespace and a name) is private whatever the umask gives the file.
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(Encoding.UTF8.GetBytes($"{stream.Namespace}\n{stream.Name}\n"));
        }

        return new PendingEvent(path, id, stream.Namespace, stream.Name);
    }

    /// <summary>The team store has the event (or it needs none): the marker goes.</summary>
    public static void Done(PendingEvent pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        SecureFiles.TryDelete(pending.Path);
    }

    /// <summary>The send failed: the marker stays, owned by nobody, for the next command or <c>history push</c>.</summary>
    public static void Abandon(PendingEvent pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var parts = Path.GetFileName(pending.Path).Split('.');
        var target = Path.Combine(Path.GetDirectoryName(pending.Path)!, $"{pending.Id}.0.{parts[^1]}");
        try
        {
            File.Move(pending.Path, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already sent and removed by another process's flush, or the folder went: nothing to keep.
        }
    }

    /// <summary>
    /// The pending events nobody is sending now: abandoned ones, those of processes that are gone (a kill), and those
    /// in flight longer than any send takes. Those of this process are being sent by it.
    /// </summary>
    public IReadOnlyList<PendingEvent> Claimable(DateTimeOffset now)
    {
        if (!System.IO.Directory.Exists(_pending))
        {
            return [];
        }

        var result = new List<PendingEvent>();
        foreach (var path in System.IO.Directory.EnumerateFiles(_pending))
        {
            var parts = Path.GetFileName(path).Split('.');
            if (parts.Length < 3 || !int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var claimable = pid == 0
                || (pid != Environment.ProcessId && (!Native.ProcessMayBeAlive(pid) || now - File.GetLastWriteTimeUtc(path) > InFlightLimit));
            if (claimable && Read(path, string.Join('.', parts[..^2])) is { } pending)
            {
                result.Add(pending);
            }
        }

        return result;
    }

    /// <summary>How many events wait for the team store (in flight or not).</summary>
    public int Count() => System.IO.Directory.Exists(_pending) ? System.IO.Directory.EnumerateFiles(_pending).Count() : 0;

    /// <summary>The chunk this machine last appended to for a cluster; 0 when it never did.</summary>
    public int? ReadChunk(string ns, string name)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(_chunks, ns, name)).Trim(), CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void WriteChunk(string ns, string name, int chunk) => SecureFiles.WriteHint(Path.Combine(_chunks, ns, name), chunk.ToString(CultureInfo.InvariantCulture) + "\n");

    private static PendingEvent? Read(string path, string id)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length >= 2 ? new PendingEvent(path, id, lines[0], lines[1]) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // sent and removed meanwhile
        }
    }
}

/// <summary>An event on its way to the team store: its marker file, id and cluster.</summary>
public sealed record PendingEvent(string Path, string Id, string Namespace, string Name);

/// <summary>
/// What this machine last learnt about a management cluster's team store: on or off, when, and its namespace, kept in
/// <c>state</c> of the team folder (<see cref="Store.FileHistoryStore.TeamDirectory"/>). It is read on its own, before
/// the outbox or anything else of the team store, so that a command on a cluster known to be without team history
/// touches nothing more of it.
/// </summary>
public sealed record TeamState(bool Enabled, DateTimeOffset CheckedAt, string Namespace)
{
    /// <summary>How long an answer holds for a command that writes, before it asks the marker again.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);

    /// <summary>Whether the answer still holds at <paramref name="now"/> for the team store in <paramref name="ns"/>.</summary>
    /// <param name="anyAge">For a read, which takes a known answer of any age.</param>
    public bool Holds(DateTimeOffset now, string ns, bool anyAge = false) => (anyAge || now - CheckedAt < Recheck) && Namespace == ns;

    /// <summary>The state in <paramref name="teamDirectory"/>, or null when this machine never asked (or cannot read it).</summary>
    public static TeamState? Read(string teamDirectory)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(teamDirectory, "state")).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            return lines.TryGetValue("checked", out var at) && long.TryParse(at, CultureInfo.InvariantCulture, out var seconds)
                ? new TeamState(lines.GetValueOrDefault("enabled") == "true", DateTimeOffset.FromUnixTimeSeconds(seconds), lines.GetValueOrDefault("namespace") ?? TeamSeries.DefaultNamespace)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(string teamDirectory)
    {
        var text = $"enabled={(Enabled ? "true" : "false")}\nchecked={CheckedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}\nnamespace={Namespace}\n";
        SecureFiles.WriteHint(Path.Combine(teamDirectory, "state"), text);
    }
}
