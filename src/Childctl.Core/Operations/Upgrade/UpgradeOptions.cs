namespace Childctl.Core.Operations.Upgrade;

/// <summary>What <c>upgrade NAME --list</c> shows: the current template and the targets k0rdent allows (<c>status.availableUpgrades</c>).</summary>
public sealed record UpgradeOptions(string Namespace, string Name, string CurrentTemplate, IReadOnlyList<string> AvailableUpgrades);
