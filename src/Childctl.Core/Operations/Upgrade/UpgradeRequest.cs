namespace Childctl.Core.Operations.Upgrade;

/// <summary><c>upgrade NAME --to TEMPLATE</c>.</summary>
public sealed record UpgradeRequest(string Namespace, string Name, string Target);
