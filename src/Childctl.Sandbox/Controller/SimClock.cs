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
