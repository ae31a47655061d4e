using Childctl.Cli.Output.Audit;
using Childctl.Core.ClusterDeployments;
using AuditKind = Childctl.Core.Operations.Audit.AuditClass;

namespace Childctl.Cli.Output;

/// <summary>Which cells carry colour, and which: one place, so every table says "Failed" in the same red.</summary>
internal static class CellStyles
{
    public static CellStyle Phase(string phase) => phase switch
    {
        nameof(ClusterPhase.Ready) => CellStyle.Good,
        nameof(ClusterPhase.Failed) => CellStyle.Bad,
        nameof(ClusterPhase.Provisioning) => CellStyle.Warning,
        nameof(ClusterPhase.Deleting) => CellStyle.Muted,
        nameof(ClusterPhase.DryRun) => CellStyle.Notice,
        _ => CellStyle.Plain,
    };

    /// <summary>A VALID or READY cell: only "false" (with or without its reason) stands out.</summary>
    public static CellStyle FalseIsBad(string cell) =>
        cell == "false" || cell.StartsWith("false:", StringComparison.Ordinal) ? CellStyle.Bad : CellStyle.Plain;

    /// <summary>A condition STATUS: False stands out in red, Unknown (still in progress) in yellow, True stays plain.</summary>
    public static CellStyle ConditionStatus(string cell) => cell switch
    {
        "False" => CellStyle.Bad,
        "Unknown" => CellStyle.Warning,
        _ => CellStyle.Plain,
    };

    /// <summary>A history RESULT: a failed operation stands out; success is the normal case and stays plain.</summary>
    public static CellStyle Result(string cell) => cell == "failed" ? CellStyle.Bad : CellStyle.Plain;

    /// <summary>An audit CLASS: in step is plain; a change made elsewhere is yellow; a cluster gone or replaced elsewhere is red.</summary>
    public static CellStyle AuditClass(string cell)
    {
        if (cell == AuditClassNames.Text(AuditKind.InStep))
        {
            return CellStyle.Plain;
        }

        return cell == AuditClassNames.Text(AuditKind.DeletedElsewhere)
            || cell == AuditClassNames.Text(AuditKind.Recreated)
            ? CellStyle.Bad
            : CellStyle.Warning;
    }
}
