using Childctl.History.Events;

namespace Childctl.History.Store;

/// <summary>Checks a batch at the door, before any file is touched.</summary>
internal static class EventValidation
{
    public static void Validate(IReadOnlyList<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw Invalid("an append needs at least one event");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (string.IsNullOrEmpty(e.Id) || e.Id.Length > 128 || !e.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw Invalid($"event id \"{e.Id}\" must be 1-128 letters, digits, '-', '_' or '.'");
            }

            if (!seen.Add(e.Id))
            {
                throw Invalid($"event id {e.Id} appears twice in one append");
            }

            if (e.Action.Length == 0 || !char.IsAsciiLetterLower(e.Action[0]) || !e.Action.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw Invalid($"action \"{e.Action}\" must be snake_case");
            }

            if (e.Timestamp == default)
            {
                throw Invalid($"event {e.Id} has no timestamp");
            }
        }
    }

    private static HistoryException Invalid(string message) => new(HistoryErrorKind.InvalidEvent, message);
}
