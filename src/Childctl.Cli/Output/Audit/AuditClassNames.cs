using Childctl.Core.Operations.Audit;

namespace Childctl.Cli.Output.Audit;

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
