namespace Childctl.Sandbox.Controller;

/// <summary>
/// The sandbox's stand-in for ClusterTemplateChains: a template may be upgraded to every valid template of the
/// same chart with a higher chart version in the same namespace.
/// </summary>
internal static class UpgradePaths
{
    public static IReadOnlyList<string> From(IEnumerable<TemplateInfo> templates, string current)
    {
        var all = templates.ToList();
        var from = all.FirstOrDefault(t => t.Name == current);
        if (from?.ParsedVersion is not { } version)
        {
            return [];
        }

        return all
            .Where(t => t.Valid && t.Chart == from.Chart && t.ParsedVersion is { } v && v > version)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
