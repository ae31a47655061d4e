namespace Childctl.History.Events;

/// <summary>Who wrote an event: childctl itself, an observation of k0rdent, or the legacy bash tools.</summary>
public static class EventSources
{
    public const string Childctl = "childctl";
    public const string Observed = "observed";
    public const string Legacy = "legacy";
}
