namespace Childctl.Cli.Output.Audit;

/// <summary>Who wrote the object (a managedFields manager), and for childctl the operator and operation from its annotations.</summary>
internal sealed record AuditActorJson(string Manager, string? Operation, string? Time, string? ChildctlOperator, string? ChildctlOperation);
