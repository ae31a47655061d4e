namespace Childctl.History.Codec;

/// <summary>What a full inspection of a history file found.</summary>
public enum TailVerdict
{
    /// <summary>Every byte belongs to a complete header or event.</summary>
    Complete,

    /// <summary>The bytes from <see cref="TailInspection.Boundary"/> on are an event cut short; everything before parses.</summary>
    Torn,
}
