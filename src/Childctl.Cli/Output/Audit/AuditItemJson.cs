namespace Childctl.Cli.Output.Audit;

/// <summary>One cluster name's finding in <c>-o json|yaml</c>.</summary>
internal sealed record AuditItemJson(
    string Namespace,
    string Name,
    string Class,
    string? Uid,
    string? PreviousUid,
    long? Generation,
    long? RecordedGeneration,
    string? ResourceVersion,
    AuditActorJson? By,
    string? At,
    IReadOnlyList<SpecChangeJson> Changes,
    string Detail,
    string? HistoryFile);
