using System.Globalization;

namespace Childctl.Core.Operations.Create;

/// <summary>Orders Helm chart versions (SemVer 2): numerically by major.minor.patch, a pre-release below its release.</summary>
public static class ChartVersions
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
}
