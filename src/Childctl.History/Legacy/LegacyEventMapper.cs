using System.Globalization;
using System.Text;
using Childctl.History.Codec;
using Childctl.History.Events;

namespace Childctl.History.Legacy;

/// <summary>
/// Turns legacy entries into history events with ids derived from their content (and namespace), so a second
/// import finds them already present. Legacy events keep timestamp, action and message, with source
/// <c>legacy</c> and no user (the old tools recorded none); the old sync's entries are flagged as noise.
/// </summary>
internal static class LegacyEventMapper
{
    public static List<HistoryEvent> FromEvents(string ns, string name, string fileName, IReadOnlyList<HistoryEvent> legacy)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<HistoryEvent>(legacy.Count);
        foreach (var e in legacy)
        {
            var content = $"legacy-event\n{ns}\n{name}\n{Stamp(e.Timestamp)}\n{e.Action}\n{e.Message}";
            var occurrence = seen[content] = seen.GetValueOrDefault(content) + 1; // identical lines stay distinct
            var action = SnakeCase(e.Action);
            result.Add(new HistoryEvent
            {
                Timestamp = e.Timestamp,
                Id = EventIds.Deterministic(e.Timestamp, $"{content}\n{occurrence}"),
                Action = action,
                Message = e.Message,
                Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["legacy_file"] = fileName },
                Flags = action == EventActions.LegacySyncedFromKubernetes ? [EventFlags.LegacySyncNoise] : null,
                Source = EventSources.Legacy,
            });
        }

        return result;
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
