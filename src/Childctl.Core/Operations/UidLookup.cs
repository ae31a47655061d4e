namespace Childctl.Core.Operations;

/// <summary>A uid, or the reason it is unknown (API not consulted, unreachable, no such cluster, ...).</summary>
public sealed record UidLookup(string? Uid, string? UnknownReason)
{
    public static UidLookup Known(string uid) => new(uid, null);

    public static UidLookup Unknown(string reason) => new(null, reason);
}
