using Childctl.Core.Templates;

namespace Childctl.Core.Operations;

/// <summary>ClusterTemplates in scope (sorted by namespace then name) and the upgrade targets the chains offer.</summary>
public sealed record TemplateListing(string? Namespace, IReadOnlyList<ClusterTemplate> Templates, UpgradeChains Upgrades);
