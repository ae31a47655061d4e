namespace Childctl.History.Store;

/// <summary>Optional header values for a file that the append creates (legacy import keeps the old <c>created_at</c>).</summary>
public sealed record AppendOptions(string? CreatedAt = null);
