using System.Globalization;
using Childctl.History.Codec;
using Childctl.History.Storage;
using Childctl.History.Store;

namespace Childctl.History.Legacy;

/// <summary>
/// Imports a legacy <c>state/</c> folder into history: each cluster's events file as-is (source <c>legacy</c>)
/// and its state file as one <c>legacy_state_imported</c> snapshot. Idempotent: ids derive from content, so a
/// repeated run appends nothing. Originals move to <c>backup-&lt;UTC time&gt;/</c> beside them only after their
/// events are durably in history; files that could not be read stay where they are.
/// </summary>
public sealed class LegacyMigrator
{
    private readonly IHistoryStore _store;

    public LegacyMigrator(IHistoryStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    public async Task<MigrationReport> MigrateAsync(MigrationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.From))
        {
            throw new HistoryException(HistoryErrorKind.InvalidName, File.Exists(options.From)
                ? $"{options.From} is a file, not the legacy state folder: pass --from DIR, the folder holding the cluster-<name>-*.yaml files"
                : $"legacy state folder {options.From} does not exist: pass --from DIR");
        }

        KubernetesNames.ValidateNamespace(options.DefaultNamespace);
        var (clusters, others) = LegacyDirectory.Scan(options.From);
        var items = new List<MigrationItem>();
        foreach (var cluster in clusters)
        {
            items.Add(await MigrateClusterAsync(cluster, options, cancellationToken));
        }

        var backup = options.DryRun ? null : MoveOriginals(options, clusters, items);
        return new MigrationReport(options.From, options.DryRun, backup, items, others.Select(Path.GetFileName).OfType<string>().ToList());
    }

    private async Task<MigrationItem> MigrateClusterAsync(LegacyCluster cluster, MigrationOptions options, CancellationToken ct)
    {
        var files = cluster.Files.Select(f => Path.GetFileName(f)).ToList();
        var ns = options.DefaultNamespace;
        try
        {
            KubernetesNames.ValidateClusterName(cluster.Name);
            var state = cluster.StateFile is null ? null : LegacyStateParser.Parse(cluster.StateFile, await File.ReadAllTextAsync(cluster.StateFile, ct));
            ns = state?.LastOrDefault(p => p.Key == "kubernetes_namespace").Value is { Length: > 0 } named ? named : ns;
            KubernetesNames.ValidateNamespace(ns);
            var (events, header) = await BuildEventsAsync(cluster, ns, state, ct);
            if (events.Count == 0)
            {
                return new MigrationItem(cluster.Name, ns, files, 0, 0, 0, 0, false, MigrationStatus.Empty, "no events: empty or never initialised");
            }

            var stream = new HistoryStreamId(options.ManagementCluster, ns, cluster.Name);
            var existing = (await _store.ReadAsync(stream, ct)).Document?.Events.Select(e => e.Id).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
            var fresh = events.Where(e => !existing.Contains(e.Id!)).ToList();
            if (fresh.Count > 0 && !options.DryRun)
            {
                await _store.AppendAsync(stream, fresh, new AppendOptions(header?.CreatedAt, header?.LastUpdated), ct);
            }

            var noise = events.Count(e => e.HasFlag(EventFlags.LegacySyncNoise));
            var snapshot = events.Any(e => e.Action == EventActions.LegacyStateImported);
            var status = fresh.Count > 0 ? MigrationStatus.Imported : MigrationStatus.UpToDate;
            var note = header?.ClusterName is { Length: > 0 } inFile && inFile != cluster.Name
                ? $"the file says cluster_name \"{inFile}\"; imported under its file name, {cluster.Name}"
                : null;
            return new MigrationItem(cluster.Name, ns, files, events.Count, fresh.Count, events.Count - fresh.Count, noise, snapshot, status, note);
        }
        catch (HistoryException e) when (e.Kind is HistoryErrorKind.Corrupt or HistoryErrorKind.InvalidName)
        {
            return new MigrationItem(cluster.Name, ns, files, 0, 0, 0, 0, false, MigrationStatus.Skipped, e.Message);
        }
    }

    private static async Task<(List<HistoryEvent> Events, HistoryHeader? Header)> BuildEventsAsync(
        LegacyCluster cluster, string ns, IReadOnlyList<KeyValuePair<string, string>>? state, CancellationToken ct)
    {
        var events = new List<HistoryEvent>();
        HistoryHeader? header = null;
        if (cluster.EventsFile is { } eventsFile)
        {
            var text = await File.ReadAllTextAsync(eventsFile, ct);
            if (!IsBlank(text))
            {
                var document = HistoryFileParser.Parse(eventsFile, text);
                header = document.Header;
                events.AddRange(LegacyEventMapper.FromEvents(ns, cluster.Name, Path.GetFileName(eventsFile), document.Events));
            }
        }

        if (cluster.StateFile is { } stateFile && state is { Count: > 0 })
        {
            events.Add(LegacyEventMapper.FromState(ns, cluster.Name, Path.GetFileName(stateFile), state, File.GetLastWriteTimeUtc(stateFile)));
        }

        return (events, header);
    }

    private static bool IsBlank(string text) =>
        text.Split('\n').All(line => line.Trim().Length == 0 || line.TrimStart().StartsWith('#'));

    private static string? MoveOriginals(MigrationOptions options, IReadOnlyList<LegacyCluster> clusters, List<MigrationItem> items)
    {
        var done = clusters.Zip(items).Where(p => p.Second.Status != MigrationStatus.Skipped).SelectMany(p => p.First.Files).ToList();
        if (done.Count == 0)
        {
            return null;
        }

        var stamp = options.Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var backup = Path.Combine(options.From, $"backup-{stamp}");
        for (var n = 2; Directory.Exists(backup); n++)
        {
            backup = Path.Combine(options.From, $"backup-{stamp}-{n}");
        }

        SecureFiles.EnsureDirectory(backup);
        foreach (var file in done)
        {
            try
            {
                File.Move(file, Path.Combine(backup, Path.GetFileName(file)));
            }
            catch (IOException e)
            {
                throw HistoryException.Io(file, "move to " + backup, e);
            }
        }

        return backup;
    }
}
