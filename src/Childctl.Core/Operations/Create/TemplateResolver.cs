using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Templates;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// Picks and checks the ClusterTemplate of a create. Named: it must exist in the namespace (else NotFound, listing what
/// does), be valid (else InvalidInput with k0rdent's validation error) and be for the requested cloud. Not named: the
/// valid template of the provider's standalone chart with the highest chart version; names are never hard-coded.
/// </summary>
public static class TemplateResolver
{
    public static ClusterTemplate Resolve(IReadOnlyList<ClusterTemplate> templates, string ns, CloudProvider? provider, string? requested)
    {
        ArgumentNullException.ThrowIfNull(templates);
        return requested is null ? Newest(templates, ns, provider!) : Named(templates, ns, provider, requested);
    }

    private static ClusterTemplate Named(IReadOnlyList<ClusterTemplate> templates, string ns, CloudProvider? provider, string requested)
    {
        var template = templates.FirstOrDefault(t => t.Name == requested)
            ?? throw ChildctlException.NotFound(
                $"ClusterTemplate \"{requested}\" not found in namespace \"{ns}\" (available: {Names(templates.Where(t => provider is null || Fits(t, provider)))}); 'childctl templates -n {ns}' lists them");
        if (!template.Valid)
        {
            throw ChildctlException.InvalidInput(
                $"ClusterTemplate \"{requested}\" in namespace \"{ns}\" is not valid" + (template.ValidationError is { } why ? $": {why}" : string.Empty));
        }

        if (provider is not null && template.InfrastructureProvider is { } cloud && cloud != provider.Name)
        {
            throw ChildctlException.InvalidInput($"ClusterTemplate \"{requested}\" is for {cloud}, not {provider.Name}: use 'childctl create {cloud}' or another --template");
        }

        return template;
    }

    private static ClusterTemplate Newest(IReadOnlyList<ClusterTemplate> templates, string ns, CloudProvider provider)
    {
        var family = templates.Where(t => Fits(t, provider) && t.Name.StartsWith(provider.ChartFamily + "-", StringComparison.Ordinal)).ToList();
        var newest = family.Where(t => t.Valid)
            .OrderByDescending(t => ChartVersion.Parse(t.ChartVersion ?? t.Name[(provider.ChartFamily.Length + 1)..].Replace('-', '.')))
            .ThenByDescending(t => t.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return newest ?? throw ChildctlException.NotFound(family.Count == 0
            ? $"no {provider.ChartFamily} ClusterTemplate in namespace \"{ns}\": pass --template, or check 'childctl templates -n {ns}'"
            : $"no valid {provider.ChartFamily} ClusterTemplate in namespace \"{ns}\" (invalid: {Names(family)}); pass --template");
    }

    private static bool Fits(ClusterTemplate template, CloudProvider provider) =>
        template.InfrastructureProvider == provider.Name || template.Name.StartsWith(provider.Name + "-", StringComparison.Ordinal);

    private static string Names(IEnumerable<ClusterTemplate> templates)
    {
        var names = templates.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
