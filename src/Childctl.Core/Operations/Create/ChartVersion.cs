using System.Globalization;

namespace Childctl.Core.Operations.Create;

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
