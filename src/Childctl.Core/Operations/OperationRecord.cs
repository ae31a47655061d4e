namespace Childctl.Core.Operations;

/// <summary>One thing childctl did to a cluster, for <see cref="HistoryRecorder.RecordAsync"/>; a non-null error makes it a failure.</summary>
public sealed record OperationRecord(
    string Action,
    string? Uid,
    IReadOnlyDictionary<string, string>? Parameters,
    string? Message = null,
    string? Error = null);
