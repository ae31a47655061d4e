namespace Childctl.Core.Operations.Audit;

/// <summary>
/// One audit: the namespace (null for all), whether to append the findings to history, and the audit's own operation
/// (id, user, command line), which the recorded events carry.
/// </summary>
public sealed record AuditRequest(string? Namespace, bool Record, OperationContext Operation);
