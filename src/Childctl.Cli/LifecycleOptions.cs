using System.CommandLine;
using System.Globalization;

namespace Childctl.Cli;

/// <summary>Options several lifecycle commands share, defined once so they read the same everywhere.</summary>
internal static class LifecycleOptions
{
    public static Option<string?> Reason() => new("--reason")
    {
        Description = "Why: recorded in local history and stamped on the object (childctl.dev/reason)",
    };

    public static Option<bool> Wait(string what) => new("--wait") { Description = $"Then wait until {what} (see 'childctl wait')" };

    /// <summary>A node count or size: a whole number of 0 or more, with a message that names the option (not .NET's type name).</summary>
    public static Option<int?> Count(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            r.AddError($"{name} must be a whole number of 0 or more, not '{text}'");
            return null;
        },
    };

    public static Option<TimeSpan?> Timeout() => new("--timeout")
    {
        Description = "How long to wait, e.g. 20m, 1h (default 30m); exit 6 when it runs out",
        CustomParser = r => Durations.ParseOptionValue(r),
    };
}
