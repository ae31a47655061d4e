namespace Childctl.History.Store;

/// <summary>
/// Optional header values for a file that the append creates: legacy import keeps the old file's <c>created_at</c>
/// and <c>last_updated</c> (the latter as the old tools left it, a historical value).
/// </summary>
public sealed record AppendOptions(string? CreatedAt = null, string? LastUpdated = null);
