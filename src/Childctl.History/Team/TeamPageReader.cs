using System.Text;
using Childctl.History.Store;

namespace Childctl.History.Team;

/// <summary>
/// Reads one page of the team store (a ConfigMapList as the API server serves it) in a single forward pass over its
/// bytes. Each stored event is JSON inside a JSON string, so a general parser validates every byte of it twice, once
/// escaped in the page and once unescaped; here the page's strings are only delimited (a vectorised search for the
/// closing quote), each value is unescaped once and decoded once (<see cref="TeamEventCodec.TryDecode(string, ReadOnlySpan{byte}, StringPool?)"/>).
/// A page it does not understand gives false and nothing, and the caller parses it as any reply: this reader is a
/// shortcut for well-formed pages, never the judge of a bad one.
/// </summary>
public static class TeamPageReader
{
    /// <summary>Adds each chunk of <paramref name="page"/> with its cluster (as <see cref="TeamSeries.SeriesOf"/> finds it) and events to <paramref name="chunks"/>.</summary>
    /// <returns>False, with nothing added, when the page is not a list this reader follows.</returns>
    public static bool TryRead(ReadOnlySpan<byte> page, StringPool? strings, List<((string Namespace, string Name) Series, List<HistoryEvent> Events)> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var count = chunks.Count;
        var buffer = new PooledBytes();
        try
        {
            var scan = new JsonScan(page);
            var (whole, sawItems) = (scan.Enter((byte)'{'), false);
            while (whole && scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
            {
                var isItems = Is(name, escaped, "items"u8);
                sawItems |= isItems;
                whole = isItems ? Items(ref scan, strings, chunks, ref buffer) : scan.Skip();
            }

            if (!whole || scan.Failed || !sawItems || !scan.AtEnd())
            {
                chunks.RemoveRange(count, chunks.Count - count);
                return false;
            }

            return true;
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private static bool Items(ref JsonScan scan, StringPool? strings, List<((string, string), List<HistoryEvent>)> chunks, ref PooledBytes buffer)
    {
        if (!scan.Enter((byte)'['))
        {
            return false;
        }

        while (scan.Next((byte)']'))
        {
            if (!Item(ref scan, strings, chunks, ref buffer))
            {
                return false;
            }
        }

        return !scan.Failed;
    }

    private static bool Item(ref JsonScan scan, StringPool? strings, List<((string, string), List<HistoryEvent>)> chunks, ref PooledBytes buffer)
    {
        if (!scan.Enter((byte)'{'))
        {
            return false;
        }

        string? ns = null, annotated = null, labelled = null;
        List<HistoryEvent>? events = null;
        while (scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
        {
            var read = Is(name, escaped, "metadata"u8) ? Metadata(ref scan, ref ns, ref annotated, ref labelled)
                : Is(name, escaped, "data"u8) ? Data(ref scan, strings, events = [], ref buffer)
                : scan.Skip();
            if (!read)
            {
                return false;
            }
        }

        if (!scan.Failed && ns is not null && (annotated ?? labelled) is { } cluster)
        {
            chunks.Add(((ns, cluster), events ?? []));
        }

        return !scan.Failed;
    }

    private static bool Metadata(ref JsonScan scan, ref string? ns, ref string? annotated, ref string? labelled)
    {
        if (!scan.Enter((byte)'{'))
        {
            return scan.Skip();
        }

        while (scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
        {
            var labels = Is(name, escaped, "labels"u8);
            if (!(labels || Is(name, escaped, "annotations"u8) ? Strings(ref scan, labels, ref ns, ref annotated, ref labelled) : scan.Skip()))
            {
                return false;
            }
        }

        return !scan.Failed;
    }

    /// <summary>The labels or annotations object: the values this reader needs, the rest skipped.</summary>
    private static bool Strings(ref JsonScan scan, bool labels, ref string? ns, ref string? annotated, ref string? labelled)
    {
        if (!scan.Enter((byte)'{'))
        {
            return scan.Skip();
        }

        while (scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
        {
            var key = Text(name, escaped);
            if (!scan.IsString())
            {
                if (!scan.Skip())
                {
                    return false;
                }

                continue;
            }

            if (!scan.String(out var value, out var valueEscaped))
            {
                return false;
            }

            if (labels && key == TeamSeries.NamespaceLabel)
            {
                ns = Text(value, valueEscaped);
            }
            else if (labels && key == TeamSeries.NameLabel)
            {
                labelled = Text(value, valueEscaped);
            }
            else if (!labels && key == TeamSeries.NameAnnotation)
            {
                annotated = Text(value, valueEscaped);
            }
        }

        return !scan.Failed;
    }

    /// <summary>The chunk's data: one key per event id, each value an event's JSON; values that are not events are skipped.</summary>
    private static bool Data(ref JsonScan scan, StringPool? strings, List<HistoryEvent> events, ref PooledBytes buffer)
    {
        if (!scan.Enter((byte)'{'))
        {
            return scan.Skip();
        }

        while (scan.Next((byte)'}') && scan.Name(out var name, out var escaped))
        {
            if (!scan.IsString())
            {
                if (!scan.Skip())
                {
                    return false;
                }

                continue;
            }

            // Unescaped as it is delimited, in one pass: what it stands for is never longer than what is left of the page.
            var into = buffer.Span(scan.Remaining);
            if (!scan.UnescapedString(into, out var written))
            {
                return false;
            }

            if (TeamEventCodec.TryDecode(Text(name, escaped), into[..written], strings) is { } e)
            {
                events.Add(e);
            }
        }

        return !scan.Failed;
    }

    private static bool Is(ReadOnlySpan<byte> raw, bool escaped, ReadOnlySpan<byte> expected) =>
        escaped ? Text(raw, escaped) == Encoding.UTF8.GetString(expected) : raw.SequenceEqual(expected);

    /// <summary>A string's text: its raw content, unescaped when it has escapes (a malformed escape keeps the raw text).</summary>
    private static string Text(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return Encoding.UTF8.GetString(raw);
        }

        var into = raw.Length <= 256 ? stackalloc byte[raw.Length] : new byte[raw.Length];
        return JsonEscapes.TryUnescape(raw, into, out var written) ? Encoding.UTF8.GetString(into[..written]) : Encoding.UTF8.GetString(raw);
    }
}
