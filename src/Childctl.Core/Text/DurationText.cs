using System.Globalization;
using System.Text;

namespace Childctl.Core.Text;

/// <summary>Durations as Kubernetes users read them: <c>45s</c>, <c>3m12s</c>, <c>1h2m</c>, <c>2d3h</c>.</summary>
public static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return "0s";
        }

        var text = new StringBuilder();
        Append(text, duration.Days, "d");
        Append(text, duration.Hours, "h");
        if (duration.Days == 0)
        {
            Append(text, duration.Minutes, "m");
        }

        if (duration.TotalHours < 1)
        {
            Append(text, duration.Seconds, "s");
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, int value, string unit)
    {
        if (value > 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
