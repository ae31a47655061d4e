using System.Globalization;

namespace Childctl.Sandbox.Controller;

/// <summary>
/// Simulated time: durations of the simulated world run <see cref="Speed"/> times faster than real time, while
/// every timestamp written into an object is a real wall-clock time from the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SimClock
{
    public SimClock(TimeProvider time, double speed)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be a positive number");
        }

        Time = time;
        Speed = speed;
    }

    public TimeProvider Time { get; }

    public double Speed { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The real time a simulated duration takes.</summary>
    public TimeSpan Real(TimeSpan simulated) => TimeSpan.FromTicks((long)(simulated.Ticks / Speed));

    /// <summary>The simulated duration that a real interval stands for.</summary>
    public TimeSpan Simulated(TimeSpan real) => TimeSpan.FromTicks((long)Math.Min(real.Ticks * Speed, TimeSpan.MaxValue.Ticks));
}

/// <summary>Kubernetes timestamps: RFC 3339 in UTC with whole seconds, as the apiserver writes them.</summary>
internal static class Timestamps
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Write(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset? Read(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    /// <summary>Drops sub-second parts so that times compare equal to what was written into objects.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
