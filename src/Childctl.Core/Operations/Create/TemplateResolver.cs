using System.Globalization;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Templates;

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

/// <summary>A Helm chart version (SemVer 2): ordered numerically by major.minor.patch, a pre-release below its release.</summary>
public sealed record ChartVersion(IReadOnlyList<long> Numbers, string? PreRelease) : IComparable<ChartVersion>
{
    public static ChartVersion Parse(string? text)
    {
        var core = (text ?? string.Empty).TrimStart('v');
        var plus = core.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            core = core[..plus];
        }

        var dash = core.IndexOf('-', StringComparison.Ordinal);
        var pre = dash >= 0 ? core[(dash + 1)..] : null;
        var numbers = (dash >= 0 ? core[..dash] : core).Split('.')
            .Select(p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .ToArray();
        return new ChartVersion(numbers, pre);
    }

    public static bool operator <(ChartVersion left, ChartVersion right) => Compare(left, right) < 0;

    public static bool operator >(ChartVersion left, ChartVersion right) => Compare(left, right) > 0;

    public static bool operator <=(ChartVersion left, ChartVersion right) => Compare(left, right) <= 0;

    public static bool operator >=(ChartVersion left, ChartVersion right) => Compare(left, right) >= 0;

    public int CompareTo(ChartVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < Math.Max(Numbers.Count, other.Numbers.Count); i++)
        {
            var a = i < Numbers.Count ? Numbers[i] : 0;
            var b = i < other.Numbers.Count ? other.Numbers[i] : 0;
            if (a != b)
            {
                return a.CompareTo(b);
            }
        }

        return (PreRelease, other.PreRelease) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => string.CompareOrdinal(PreRelease, other.PreRelease),
        };
    }

    private static int Compare(ChartVersion? left, ChartVersion? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
