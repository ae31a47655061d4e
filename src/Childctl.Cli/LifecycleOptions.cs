using System.CommandLine;

namespace Childctl.Cli;

/// <summary>Options several lifecycle commands share, defined once so they read the same everywhere.</summary>
internal static class LifecycleOptions
{
    public static Option<string?> Reason() => new("--reason")
    {
        Description = "Why: recorded in local history and stamped on the object (childctl.dev/reason)",
    };

    public static Option<bool> Wait(string what) => new("--wait") { Description = $"Then wait until {what} (see 'childctl wait')" };

    public static Option<TimeSpan?> Timeout() => new("--timeout")
    {
        Description = "How long to wait, e.g. 20m, 1h (default 30m); exit 6 when it runs out",
        CustomParser = r => Durations.ParseOptionValue(r),
    };
}
