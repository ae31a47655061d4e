using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Templates;
using Semver;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// Picks and checks the ClusterTemplate of a create. Named: it must exist in the namespace (else NotFound, listing what
/// does), be valid (else InvalidInput with k0rdent's validation error) and be for the requested cloud. Not named: the
/// valid template of the provider's standalone chart with the highest chart version; names are never hard-coded.
/// </summary>
internal static class TemplateResolver
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

/// <summary>
/// A Helm chart version, ordered by SemVer 2 precedence (semver.org §11) through the Semver library: numerically by
/// major.minor.patch; a pre-release below its release; pre-release identifiers one by one, numeric ones as numbers
/// (rc.9 &lt; rc.10), numeric below alphanumeric, a longer list above its prefix; build metadata ignored. A leading
/// <c>v</c>, a missing minor or patch and leading zeros are accepted, as Helm accepts them. Text that is no version at
/// all sorts below every version.
/// </summary>
public sealed record ChartVersion(SemVersion? Version) : IComparable<ChartVersion>
{
    private const SemVersionStyles Helm = SemVersionStyles.AllowV | SemVersionStyles.OptionalMinorPatch | SemVersionStyles.AllowLeadingZeros;

    public static ChartVersion Parse(string? text) =>
        new(SemVersion.TryParse(text?.Trim(), Helm, out var version) ? version : null);

    public static bool operator <(ChartVersion left, ChartVersion right) => Compare(left, right) < 0;

    public static bool operator >(ChartVersion left, ChartVersion right) => Compare(left, right) > 0;

    public static bool operator <=(ChartVersion left, ChartVersion right) => Compare(left, right) <= 0;

    public static bool operator >=(ChartVersion left, ChartVersion right) => Compare(left, right) >= 0;

    public int CompareTo(ChartVersion? other) => other is null ? 1 : SemVersion.ComparePrecedence(Version, other.Version);

    private static int Compare(ChartVersion? left, ChartVersion? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
