using System.Globalization;
using System.Text;
using Childctl.History.Codec;
using Childctl.History.Redaction;
using Childctl.History.Store;

namespace Childctl.History.Legacy;

/// <summary>
/// One rule for legacy events, used twice: when <c>migrate</c> imports them and when a legacy file is read as-is
/// (<see cref="AsRead"/>), so the two views of one file say the same. A legacy event keeps every field it carries
/// (user, reason, command, parameters, result, error, message, and the rest), redacted by the rules of new events,
/// with source <c>legacy</c>, its action in snake_case, and the old sync's entries flagged as noise. Imported events
/// also get ids derived from their content (and namespace), so a second import finds them already present, and the
/// parameter <c>legacy_file</c> naming where they came from.
/// </summary>
internal static class LegacyEventMapper
{
    public static List<HistoryEvent> FromEvents(string ns, string name, string fileName, IReadOnlyList<HistoryEvent> legacy)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<HistoryEvent>(legacy.Count);
        foreach (var e in legacy)
        {
            // The id hashes what the first versions of migrate kept, so files imported by them are still recognised.
            var content = $"legacy-event\n{ns}\n{name}\n{Stamp(e.Timestamp)}\n{e.Action}\n{e.Message}";
            var occurrence = seen[content] = seen.GetValueOrDefault(content) + 1; // identical lines stay distinct
            var parameters = new Dictionary<string, string>(e.Parameters ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            parameters.TryAdd("legacy_file", fileName);
            result.Add(Normalize(e) with
            {
                Id = EventIds.Deterministic(e.Timestamp, $"{content}\n{occurrence}"),
                Parameters = Redactor.RedactParameters(parameters),
                Line = 0,
            });
        }

        return result;
    }

    /// <summary>
    /// A file as it is read, when its parser found legacy entries (<see cref="HistoryDocument.HasLegacyEntries"/>): events
    /// childctl did not write (no source, or <c>legacy</c>) are normalized and redacted as an import would, so every
    /// output of a legacy file read as-is agrees with the migrated file. Events childctl wrote were redacted when
    /// appended and are passed through untouched.
    /// </summary>
    public static HistoryDocument AsRead(HistoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document with { Events = document.Events.Select(e => e.WrittenByChildctl ? e : Normalize(e)).ToList() };
    }

    /// <summary>The state file as one dated snapshot event: what the old tools believed then, never current state.</summary>
    public static HistoryEvent FromState(string ns, string name, string fileName, IReadOnlyList<KeyValuePair<string, string>> values, DateTimeOffset fileTime)
    {
        var map = values.Where(v => v.Key != "cluster_name").ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var when = ParseTime(map.GetValueOrDefault("last_updated")) ?? ParseTime(map.GetValueOrDefault("created_at")) ?? fileTime;
        map["legacy_file"] = fileName;
        var content = new StringBuilder($"legacy-state\n{ns}\n{name}\n");
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            content.Append(key).Append('=').Append(value).Append('\n');
        }

        return new HistoryEvent
        {
            Timestamp = when,
            Id = EventIds.Deterministic(when, content.ToString()),
            Action = EventActions.LegacyStateImported,
            Message = $"Historical snapshot of {fileName} as last written on {Stamp(when)}: what the legacy scripts believed then, not current state (k0rdent owns state)",
            Parameters = map,
            Flags = [EventFlags.HistoricalSnapshot],
            Source = EventSources.Legacy,
        };
    }

    private static HistoryEvent Normalize(HistoryEvent e)
    {
        var action = SnakeCase(e.Action);
        var flags = action == EventActions.LegacySyncedFromKubernetes && !e.HasFlag(EventFlags.LegacySyncNoise)
            ? [.. e.Flags ?? [], EventFlags.LegacySyncNoise]
            : e.Flags;
        return Redactor.Redact(e) with { Action = action, Flags = flags, Source = EventSources.Legacy };
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    private static string Stamp(DateTimeOffset t) => YamlScalars.FormatTimestamp(t).Trim('"');

    private static string SnakeCase(string action)
    {
        var text = new StringBuilder(action.Length);
        foreach (var c in action.Trim())
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        var result = text.ToString().Trim('_');
        return result.Length > 0 && char.IsAsciiLetterLower(result[0]) ? result : "legacy_" + result;
    }
}
