using System.Globalization;

namespace Childctl.Sandbox.Api.Tables;

/// <summary>Ages the way kubectl and the apiserver print them ("8s", "5m17s", "3h", "12d", "2y45d").</summary>
internal static class HumanDuration
{
    public static string Since(string? timestamp, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return "<unknown>";
        }

        return Format(now - t);
    }

    public static string Format(TimeSpan d)
    {
        if (d < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }

        var seconds = (long)Math.Max(0, d.TotalSeconds);
        var minutes = seconds / 60;
        var hours = seconds / 3600;
        var days = hours / 24;
        var years = days / 365;
        return seconds switch
        {
            < 120 => $"{seconds}s",
            _ when minutes < 10 => seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s",
            _ when minutes < 180 => $"{minutes}m",
            _ when hours < 8 => minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m",
            _ when hours < 48 => $"{hours}h",
            _ when hours < 24 * 8 => hours % 24 == 0 ? $"{days}d" : $"{days}d{hours % 24}h",
            _ when days < 365 * 2 => $"{days}d",
            _ when days < 365 * 8 => days % 365 == 0 ? $"{years}y" : $"{years}y{days % 365}d",
            _ => $"{years}y",
        };
    }
}
