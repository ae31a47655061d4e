using Childctl.Core.Operations.Audit;
using Childctl.Cli.Output.History;

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
        HistoryJsonMapper.Time(report.ObservedAt),
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
        f.HistoryFile);

    private static string? Time(DateTimeOffset? t) => t is { } v ? Second(v) : null;

    /// <summary>Kubernetes times have one-second resolution; so do the audit's.</summary>
    public static string Second(DateTimeOffset t) => HistoryJsonMapper.Time(t)[..19] + "Z";
}
