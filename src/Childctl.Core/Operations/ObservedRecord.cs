namespace Childctl.Core.Operations;

/// <summary>
/// One thing childctl saw k0rdent do, for <see cref="HistoryRecorder.RecordObservedAsync"/>. <see cref="Identity"/>
/// and <see cref="IdTime"/> make the event id: the same transition seen twice gives the same id.
/// </summary>
public sealed record ObservedRecord(
    string Action,
    string? Uid,
    string Identity,
    DateTimeOffset IdTime,
    IReadOnlyDictionary<string, string>? Parameters,
    string? Message);
