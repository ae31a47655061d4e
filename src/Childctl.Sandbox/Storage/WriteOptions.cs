namespace Childctl.Sandbox.Storage;

/// <summary>
/// How a write is recorded: the field manager and operation (Update or Apply) for managedFields, and whether it
/// is a dry run (validated and answered, but nothing stored and no event sent). <paramref name="CreatedAt"/>
/// backdates a create (seeding a world that has history); null stamps the current time.
/// </summary>
internal sealed record WriteOptions(string FieldManager, string Operation = WriteOptions.Update, bool DryRun = false, DateTimeOffset? CreatedAt = null)
{
    public const string Update = "Update";
    public const string Apply = "Apply";
}
