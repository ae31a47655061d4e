namespace Childctl.Sandbox.Storage;

/// <summary>
/// A committed change as the store keeps it: the event type, the immutable object version it produced and, for
/// MODIFIED, the version before (so a filtered watch can tell an object entering or leaving its selection).
/// </summary>
internal sealed record StoreChange(string Type, StoredObject Object, StoredObject? Previous = null)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";

    public long ResourceVersion => Object.ResourceVersion;
}
