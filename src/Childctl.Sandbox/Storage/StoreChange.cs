namespace Childctl.Sandbox.Storage;

/// <summary>A committed change as the store keeps it: the event type and the immutable object version it produced.</summary>
internal sealed record StoreChange(string Type, StoredObject Object)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";

    public long ResourceVersion => Object.ResourceVersion;
}
