using Childctl.History.Events;

namespace Childctl.Cli.Output.History;

/// <summary>
/// The DETAILS cell of a history row: reason, message and error, with flagged events labelled so that a
/// legacy snapshot is never read as the cluster's current state and old sync entries read as noise.
/// </summary>
internal static class HistoryDetails
{
    public static string For(HistoryEvent e)
    {
        var parts = new List<string>();
        if (SourceMarker(e) is { } marker)
        {
            parts.Add(marker);
        }

        if (e.HasFlag(EventFlags.HistoricalSnapshot))
        {
            parts.Add("[historical snapshot, not current state]");
            parts.Add(string.Join(' ', (e.Parameters ?? new Dictionary<string, string>()).Where(p => p.Key != "legacy_file").Select(p => $"{p.Key}={p.Value}")));
        }
        else
        {
            if (IsSyncNoise(e))
            {
                parts.Add("[legacy sync noise]");
            }

            if (e.Reason is not null)
            {
                parts.Add($"reason: {e.Reason};");
            }

            if (e.Message is not null)
            {
                parts.Add(e.Message);
            }
        }

        if (e.Error is not null)
        {
            parts.Add($"error: {e.Error}");
        }

        return string.Join(' ', parts.Where(p => p.Length > 0));
    }

    /// <summary>
    /// [observed] for what childctl saw k0rdent (or someone else) do, [legacy] for the bash tools' entries: migrated
    /// ones say so, and an entry without a <c>source</c> was not written by childctl (which always writes one), as in
    /// a legacy events file read directly.
    /// </summary>
    public static string? SourceMarker(HistoryEvent e) => (e.Source ?? EventSources.Legacy) switch
    {
        EventSources.Observed => "[observed]",
        EventSources.Legacy when !IsSyncNoise(e) => "[legacy]",
        _ => null,
    };

    /// <summary>The old sync script's entries, flagged by migrate or, in a legacy file read directly, by their action.</summary>
    private static bool IsSyncNoise(HistoryEvent e) =>
        e.HasFlag(EventFlags.LegacySyncNoise) || (e.Source is null && e.Action == EventActions.LegacySyncedFromKubernetes);

    public static string ShortUid(string? uid) => uid is null ? "-" : uid.Length > 8 ? uid[..8] : uid;
}
