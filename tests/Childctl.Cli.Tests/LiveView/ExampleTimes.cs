using System.Globalization;
using System.Text.Json.Nodes;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>
/// Moves the timestamps of the shared examples (written around 2026-09-02T12:00Z) so that they keep their age
/// relative to the test clock: a condition that was 2h45m old in the example is 2h45m old in the test.
/// </summary>
internal static class ExampleTimes
{
    public static readonly DateTimeOffset ExampleNow = new(2026, 9, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] TimeKeys = ["lastTransitionTime", "lastStateTransitionTime", "lastTimestamp", "firstTimestamp"];

    public static void Shift(JsonNode? node, DateTimeOffset now)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (TimeKeys.Contains(key) && value?.GetValue<string>() is { } text
                        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    {
                        obj[key] = Format(now - (ExampleNow - at));
                    }
                    else
                    {
                        Shift(value, now);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Shift(item, now);
                }

                break;
        }
    }

    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
