namespace Childctl.History.Events;

/// <summary>Actions this library writes itself (DESIGN.md lists the rest).</summary>
public static class EventActions
{
    public const string NoteAdded = "note_added";
    public const string LegacyStateImported = "legacy_state_imported";
    public const string LegacySyncedFromKubernetes = "state_synced_from_kubernetes";
}
