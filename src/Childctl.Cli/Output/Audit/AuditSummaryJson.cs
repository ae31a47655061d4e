namespace Childctl.Cli.Output.Audit;

/// <summary>How many cluster names fell in each class.</summary>
internal sealed record AuditSummaryJson(
    int Clusters,
    int InStep,
    int CreatedElsewhere,
    int Recreated,
    int ChangedElsewhere,
    int DeletingElsewhere,
    int DeletedElsewhere);
