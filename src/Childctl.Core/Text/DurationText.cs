using System.Globalization;
using System.Text;

namespace Childctl.Core.Text;

/// <summary>
/// Durations as Kubernetes users read them, in the two ways childctl writes them: how long something took
/// (<see cref="Format"/>: <c>45s</c>, <c>3m12s</c>, <c>1h2m</c>, <c>2d3h</c>) and how old something is, as kubectl's AGE
/// column rounds it (<see cref="Age"/>, apimachinery's <c>HumanDuration</c>: 45s, 3m20s, 5h10m, 3d4h, 2y30d). The sandbox
/// keeps its own copy of the age rule: it stands apart and references nothing of childctl's.
/// </summary>
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

    /// <summary>The age of <paramref name="then"/> at <paramref name="now"/>; <c>&lt;unknown&gt;</c> without a time.</summary>
    public static string Since(DateTimeOffset? then, DateTimeOffset now) =>
        then is { } t ? Age(now - t) : "<unknown>";

    public static string Age(TimeSpan d)
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
