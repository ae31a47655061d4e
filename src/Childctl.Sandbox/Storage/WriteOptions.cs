namespace Childctl.Sandbox.Storage;

/// <summary>
/// How a write is recorded: the field manager and operation (Update or Apply) for managedFields, and whether it
/// is a dry run (validated and answered, but nothing stored and no event sent).
/// </summary>
internal sealed record WriteOptions(string FieldManager, string Operation = WriteOptions.Update, bool DryRun = false)
{
    public const string Update = "Update";
    public const string Apply = "Apply";
}
