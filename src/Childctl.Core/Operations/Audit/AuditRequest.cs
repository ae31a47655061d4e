namespace Childctl.Core.Operations.Audit;

/// <summary>
/// One audit: the namespace (null for all), whether to append the findings to history, and the audit's own operation
/// (id, user, command line), which the recorded events carry. <see cref="AcceptServerChange"/> lets <c>Record</c>
/// append findings whose history was recorded against another API server (see <see cref="Audit.ServerChange"/>).
/// </summary>
public sealed record AuditRequest(string? Namespace, bool Record, OperationContext Operation, bool AcceptServerChange = false);
