namespace Childctl.Core.Operations.Create;

/// <summary>A parsed chart version; see <see cref="ChartVersions"/>.</summary>
public sealed record ChartVersion(IReadOnlyList<long> Numbers, string? PreRelease) : IComparable<ChartVersion>
{
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
