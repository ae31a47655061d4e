using System.Globalization;

namespace Childctl.Cli.Output;

/// <summary>Ages as kubectl prints them (apimachinery's <c>HumanDuration</c>): 45s, 3m20s, 5h10m, 3d4h, 2y30d.</summary>
internal static class HumanAge
{
    public static string Since(DateTimeOffset? then, DateTimeOffset now) =>
        then is { } t ? Format(now - t) : "<unknown>";

    public static string Format(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return Str(seconds, "s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? Str(minutes, "m") : Str(minutes, "m") + Str(seconds % 60, "s");
        }

        if (minutes < 180)
        {
            return Str(minutes, "m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? Str(hours, "h") : Str(hours, "h") + Str(minutes % 60, "m");
        }

        if (hours < 48)
        {
            return Str(hours, "h");
        }

        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? Str(hours / 24, "d") : Str(hours / 24, "d") + Str(hours % 24, "h");
        }

        if (hours < 24 * 365 * 2)
        {
            return Str(hours / 24, "d");
        }

        var days = hours / 24;
        if (hours < 24 * 365 * 8)
        {
            return days % 365 == 0 ? Str(days / 365, "y") : Str(days / 365, "y") + Str(days % 365, "d");
        }

        return Str(days / 365, "y");
    }

    private static string Str(long value, string unit) => value.ToString(CultureInfo.InvariantCulture) + unit;
}
