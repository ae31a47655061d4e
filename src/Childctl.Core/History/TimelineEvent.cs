using System.Text;
using Childctl.History.Codec;
using Childctl.History.Store;
using Childctl.History.Team;

namespace Childctl.Core.History;

/// <summary>
/// One local history event as childctl shows it: the stored fields, and <see cref="Details"/>, the one rendering of
/// what it says (used by <c>history</c> and by the history tail of <c>status</c>). A record of the past, never state.
/// </summary>
public sealed class TimelineEvent
{
    /// <param name="origin">Where a view merged with the team store found the event; null when only local history was read.</param>
    internal TimelineEvent(HistoryEvent e, string? incarnationUid = null, EventOrigin? origin = null)
    {
        Event = e;
        Origin = origin switch
        {
            EventOrigin.Team => TeamOrigin,
            EventOrigin.Local => LocalOrigin,
            _ => null,
        };
        Details = DetailsOf(e, Origin switch
        {
            TeamOrigin => "[team]",
            LocalOrigin => "[local only]",
            _ => null,
        });
        IncarnationUid = e.Uid ?? incarnationUid;
    }

    public const string TeamOrigin = "team";
    public const string LocalOrigin = "local";

    /// <summary>
    /// In a view merged with the team store, where the event was found when the two differ: <c>team</c> (recorded on
    /// another machine), <c>local</c> (only here: pending, or from before team history); null when both have it.
    /// </summary>
    public string? Origin { get; }

    public DateTimeOffset Timestamp => Event.Timestamp;

    public string? Id => Event.Id;

    public string Action => Event.Action;

    public string? User => Event.User;

    public string? K8sUser => Event.K8sUser;

    public string? Uid => Event.Uid;

    /// <summary>
    /// The incarnation the event belongs to: its uid, or for a note taken offline (no uid) the one incarnation its
    /// history knows, when the note's time lies within it (after it began, before any recorded end).
    /// </summary>
    public string? IncarnationUid { get; }

    /// <summary>A note recorded without a uid that joins an incarnation by its time.</summary>
    public bool JoinedByTime => Event.Uid is null && IncarnationUid is not null;

    public string? ManagementClusterName => Event.ManagementCluster?.Name;

    public string? ManagementClusterServer => Event.ManagementCluster?.Server;

    public string? Operation => Event.Operation;

    public IReadOnlyDictionary<string, string>? Parameters => Event.Parameters;

    public string? Command => Event.Command;

    public string? Reason => Event.Reason;

    public string? Message => Event.Message;

    public string? Result => Event.Result;

    public string? Error => Event.Error;

    public IReadOnlyList<string>? Flags => Event.Flags;

    public string? Source => Event.Source;

    /// <summary>What childctl saw k0rdent (or someone else) do, rather than what it did.</summary>
    public bool IsObserved => Event.Source == EventSources.Observed;

    /// <summary>Reason, message and error in one line, with labels that keep legacy snapshots and sync entries from reading as state.</summary>
    public string Details { get; }

    internal HistoryEvent Event { get; }

    /// <summary>The event as it reads in its history file (YAML, one list item).</summary>
    public string ToYaml(int itemIndent = EventBlockWriter.DefaultItemIndent) => EventBlockWriter.Block(Event, itemIndent);

    /// <summary>The details cell: <paramref name="origin"/> (always followed by a space), then the non-empty parts, space-separated.</summary>
    private static string DetailsOf(HistoryEvent e, string? origin)
    {
        var parts = new Words(origin);
        parts.Add(SourceMarker(e));
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
                // The semicolon separates the reason from what follows; with nothing after it, none.
                parts.Add(string.IsNullOrEmpty(e.Message) && e.Error is null ? $"reason: {e.Reason}" : $"reason: {e.Reason};");
            }

            parts.Add(e.Message);
        }

        if (e.Error is not null)
        {
            parts.Add($"error: {e.Error}");
        }

        return parts.ToString();
    }

    /// <summary>
    /// Words joined by spaces, empty ones left out, after a prefix that is always followed by one; a single word with no
    /// prefix (most events: the message) is returned as it is, so a history of thousands of events copies nothing.
    /// </summary>
    private struct Words(string? prefix)
    {
        private string? _single;
        private StringBuilder? _text;

        public void Add(string? word)
        {
            if (string.IsNullOrEmpty(word))
            {
                return;
            }

            if (_text is not null)
            {
                _text.Append(' ').Append(word);
            }
            else if (_single is null)
            {
                _single = word;
            }
            else
            {
                _text = new StringBuilder(_single).Append(' ').Append(word);
                _single = null;
            }
        }

        public override readonly string ToString()
        {
            var joined = _text?.ToString() ?? _single ?? string.Empty;
            return prefix is null ? joined : string.Concat(prefix, " ", joined);
        }
    }

    /// <summary>
    /// [observed] for what childctl saw k0rdent (or someone else) do, [legacy] for the bash tools' entries: migrated ones
    /// say so, and an entry without a <c>source</c> was not written by childctl (which always writes one).
    /// </summary>
    private static string? SourceMarker(HistoryEvent e) => (e.Source ?? EventSources.Legacy) switch
    {
        EventSources.Observed => "[observed]",
        EventSources.Legacy when !IsSyncNoise(e) => "[legacy]",
        _ => null,
    };

    /// <summary>The old sync script's entries, flagged by migrate or, in a legacy file read directly, by their action.</summary>
    private static bool IsSyncNoise(HistoryEvent e) =>
        e.HasFlag(EventFlags.LegacySyncNoise) || (e.Source is null && e.Action == EventActions.LegacySyncedFromKubernetes);
}
