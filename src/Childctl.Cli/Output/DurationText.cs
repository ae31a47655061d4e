using System.Globalization;

namespace Childctl.Cli.Output;

/// <summary>Durations the way kubectl prints ages: <c>45s</c>, <c>3m12s</c>, <c>2h5m</c>, <c>3d4h</c>.</summary>
internal static class DurationText
{
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span switch
        {
            { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds}s"),
            { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m{span.Seconds}s"),
            { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h{span.Minutes}m"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d{span.Hours}h"),
        };
    }
}
