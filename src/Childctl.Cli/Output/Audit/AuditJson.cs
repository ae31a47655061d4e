using System.Text.Json.Serialization;
using Childctl.Cli.Output.History;
using Childctl.Core.Operations.Audit;

namespace Childctl.Cli.Output.Audit;

/// <summary>Maps an audit report to its JSON shape.</summary>
internal static class AuditJsonMapper
{
    public const string Kind = "AuditReport";

    public static AuditReportJson Report(AuditReport report) => new(
        Kind,
        report.ManagementCluster,
        report.Namespace,
        report.Namespace is null,
        HistoryJson.Time(report.ObservedAt),
        report.InStep,
        new AuditSummaryJson(
            report.Findings.Count,
            report.Count(AuditClass.InStep),
            report.Count(AuditClass.CreatedElsewhere),
            report.Count(AuditClass.Recreated),
            report.Count(AuditClass.ChangedElsewhere),
            report.Count(AuditClass.DeletingElsewhere),
            report.Count(AuditClass.DeletedElsewhere)),
        report.Recorded,
        report.Findings.Select(Item).ToList())
    {
        ServerChange = report.ServerChange is { } change
            ? new ServerChangeJson(change.Server, change.RecordedServers, change.Findings.Select(f => $"{f.Namespace}/{f.Name}").ToList(), change.Describe())
            : null,
    };

    private static AuditItemJson Item(AuditFinding f) => new(
        f.Namespace,
        f.Name,
        AuditClassNames.Key(f.Class),
        f.Uid,
        f.PreviousUid,
        f.Generation,
        f.RecordedGeneration,
        f.ResourceVersion,
        f.By is { } by ? new AuditActorJson(by.Manager, by.Operation, Time(by.Time), by.ChildctlOperator, by.ChildctlOperation) : null,
        Time(f.At),
        f.Changes.Select(c => new SpecChangeJson(c.Field, c.Recorded, c.Live)).ToList(),
        f.Detail,
        f.HistoryFile)
    {
        Phase = f.Verdict?.Phase.ToString(),
        Ready = f.Verdict?.IsReady,
    };

    private static string? Time(DateTimeOffset? t) => t is { } v ? Second(v) : null;

    /// <summary>Kubernetes times have one-second resolution; so do the audit's.</summary>
    public static string Second(DateTimeOffset t) => HistoryJson.Time(t)[..19] + "Z";
}

/// <summary>
/// The <c>-o json|yaml</c> document of <c>audit</c> (schema in docs/commands.md): what was compared, a summary per class,
/// and one item per cluster name. Field names are snake_case like history's; fields never disappear, except that
/// <c>namespace</c> is absent with -A, <c>recorded</c> without --record, and <c>server_change</c> unless some history
/// was recorded against another API server.
/// </summary>
internal sealed record AuditReportJson(
    string Kind,
    string ManagementCluster,
    string? Namespace,
    bool AllNamespaces,
    string ObservedAt,
    bool InStep,
    AuditSummaryJson Summary,
    int? Recorded,
    IReadOnlyList<AuditItemJson> Items)
{
    public ServerChangeJson? ServerChange { get; init; }
}

/// <summary>How many cluster names fell in each class.</summary>
internal sealed record AuditSummaryJson(
    int Clusters,
    int InStep,
    int CreatedElsewhere,
    int Recreated,
    int ChangedElsewhere,
    int DeletingElsewhere,
    int DeletedElsewhere);

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
    string? HistoryFile)
{
    /// <summary>The live object's phase and readiness by the one phase rule; absent when it is gone.</summary>
    public string? Phase { get; init; }

    public bool? Ready { get; init; }
}

/// <summary>Who wrote the object (a managedFields manager), and for childctl the operator and operation from its annotations.</summary>
internal sealed record AuditActorJson(string Manager, string? Operation, string? Time, string? ChildctlOperator, string? ChildctlOperation);

/// <summary>A spec value that differs from the recorded one; null means unset on that side.</summary>
internal sealed record SpecChangeJson(string Field, string? Recorded, string? Live);

/// <summary>
/// In the <c>audit -o json|yaml</c> document when some history was recorded against another API server: this context's
/// server, the servers the history names, the clusters concerned (namespace/name) and the warning's text.
/// </summary>
internal sealed record ServerChangeJson(string Server, IReadOnlyList<string> RecordedServers, IReadOnlyList<string> Clusters, string Message);

/// <summary>Source-generated JSON for the audit report: no reflection, NativeAOT-clean.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(AuditReportJson))]
internal sealed partial class AuditJsonContext : JsonSerializerContext
{
}

/// <summary>The names of the audit classes: snake_case keys for json/yaml, words for tables.</summary>
internal static class AuditClassNames
{
    public static string Key(AuditClass kind) => kind switch
    {
        AuditClass.InStep => "in_step",
        AuditClass.CreatedElsewhere => "created_elsewhere",
        AuditClass.Recreated => "recreated",
        AuditClass.ChangedElsewhere => "changed_elsewhere",
        AuditClass.DeletingElsewhere => "deleting_elsewhere",
        AuditClass.DeletedElsewhere => "deleted_elsewhere",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Text(AuditClass kind) => Key(kind).Replace('_', ' ');
}
