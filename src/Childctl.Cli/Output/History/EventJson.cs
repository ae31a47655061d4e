namespace Childctl.Cli.Output.History;

/// <summary>One history event in <c>-o json</c>: the file's field names, snake_case, nulls left out.</summary>
internal sealed record EventJson(
    string Timestamp,
    string? Id,
    string Action,
    string? User,
    string? K8sUser,
    string? Uid,
    ManagementClusterJson? ManagementCluster,
    string? Operation,
    IReadOnlyDictionary<string, string>? Parameters,
    string? Command,
    string? Reason,
    string? Message,
    string? Result,
    string? Error,
    IReadOnlyList<string>? Flags,
    string? Source);
