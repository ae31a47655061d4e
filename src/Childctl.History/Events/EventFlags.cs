namespace Childctl.History.Events;

/// <summary>Markers kept in an event's <c>flags</c> list.</summary>
public static class EventFlags
{
    /// <summary>A <c>state_synced_from_kubernetes</c> event of the old sync script: kept, but it records no operation.</summary>
    public const string LegacySyncNoise = "legacy_sync_noise";

    /// <summary>A dated copy of a legacy state file: what the old tools believed then, never current state.</summary>
    public const string HistoricalSnapshot = "historical_snapshot";
}
