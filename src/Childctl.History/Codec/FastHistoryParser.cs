using Childctl.History.Events;

namespace Childctl.History.Codec;

/// <summary>
/// A strict reader for exactly the layout childctl writes (header keys at column 0, <c>events:</c>, items at
/// indent 2, one field per line, scalars as <see cref="FastScalars"/> reads them). It is several times faster
/// than a general YAML parser; any line outside that layout makes it give up, and the caller parses the
/// file with YamlDotNet instead, which also produces every error message. The two must agree on what this
/// one accepts (tests compare them).
/// </summary>
internal static class FastHistoryParser
{
    public static bool TryParse(string text, out HistoryDocument document)
    {
        document = null!;
        var header = new HistoryHeader();
        var events = new List<HistoryEvent>();
        EventFields? current = null;
        var inEvents = false;
        var lineNumber = 0;
        var sawName = false;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            lineNumber++;
            var line = text.AsSpan()[range];
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (inEvents && line.StartsWith("  - ", StringComparison.Ordinal))
            {
                if (!Finish(current, events))
                {
                    return false;
                }

                current = new EventFields(lineNumber);
                line = line[4..];
            }
            else if (inEvents && line.StartsWith("    ", StringComparison.Ordinal) && current is not null)
            {
                line = line[4..];
            }
            else if (!inEvents && line is "events:")
            {
                inEvents = true;
                continue;
            }
            else if (inEvents || !TryHeader(line, ref header, ref sawName))
            {
                return false;
            }
            else
            {
                continue;
            }

            if (!current!.TrySet(line))
            {
                return false;
            }
        }

        if (!Finish(current, events) || (!sawName && !inEvents) || !text.EndsWith('\n'))
        {
            return false;
        }

        document = new HistoryDocument(header, events);
        return true;
    }

    private static bool Finish(EventFields? current, List<HistoryEvent> events)
    {
        if (current is null)
        {
            return true;
        }

        var e = current.Build();
        if (e is null)
        {
            return false;
        }

        events.Add(e);
        return true;
    }

    private static bool TryHeader(ReadOnlySpan<char> line, ref HistoryHeader header, ref bool sawName)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || !FastScalars.TryValue(line[(colon + 2)..], out var value))
        {
            return false;
        }

        switch (line[..colon])
        {
            case "cluster_name": header = header with { ClusterName = value }; sawName = true; return true;
            case "namespace": header = header with { Namespace = value }; return true;
            case "created_at": header = header with { CreatedAt = value }; return true;
            case "last_updated": header = header with { LastUpdated = value }; return true;
            default: return false;
        }
    }
}
