using System.Globalization;
using Childctl.History.Store;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Childctl.History.Codec;

/// <summary>
/// Reads a history file (ours, or a legacy events log) into a <see cref="HistoryDocument"/> with YamlDotNet's
/// event parser: no reflection, so it is NativeAOT-clean. Unknown keys are skipped; wrong types, bad
/// timestamps and events without timestamp or action are errors that name the line.
/// </summary>
public static class HistoryFileParser
{
    public static HistoryDocument Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FastHistoryParser.TryParse(text, out var document) ? document : ParseYaml(path, text);
    }

    /// <summary>The general parser: any YAML, and the one that explains errors.</summary>
    internal static HistoryDocument ParseYaml(string path, string text)
    {
        try
        {
            return ParseDocument(new Parser(new StringReader(text)));
        }
        catch (YamlException e)
        {
            throw HistoryException.Corrupt(path, Math.Max(1, (int)e.Start.Line), Clean(e.Message));
        }
    }

    private static HistoryDocument ParseDocument(Parser parser)
    {
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            throw new YamlException(Mark.Empty, Mark.Empty, "the file is empty (expected cluster_name, namespace and events)");
        }

        parser.Consume<DocumentStart>();
        if (!parser.TryConsume<MappingStart>(out _))
        {
            throw YamlReading.TypeError(parser, "expected a map with cluster_name, namespace and events at the top");
        }

        var header = new HistoryHeader();
        List<HistoryEvent>? events = null;
        var sawName = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = YamlReading.ReadKey(parser, seen, "the file's top level");
            switch (key)
            {
                case "cluster_name": header = header with { ClusterName = YamlReading.ReadText(parser, key) }; sawName = true; break;
                case "namespace": header = header with { Namespace = YamlReading.ReadText(parser, key) }; break;
                case "created_at": header = header with { CreatedAt = YamlReading.ReadText(parser, key) }; break;
                case "last_updated": header = header with { LastUpdated = YamlReading.ReadText(parser, key) }; break;
                case "events": events = ReadEvents(parser); break;
                default: parser.SkipThisAndNestedEvents(); break;
            }
        }

        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out _))
        {
            throw YamlReading.TypeError(parser, "a history file holds one YAML document; found another ('---')");
        }

        if (!sawName && events is null)
        {
            throw new YamlException(Mark.Empty, Mark.Empty, "not a history file: it has neither cluster_name nor events");
        }

        return new HistoryDocument(header, events ?? []) { HasLegacyEntries = events?.Exists(e => !e.WrittenByChildctl) == true };
    }

    private static List<HistoryEvent> ReadEvents(Parser parser)
    {
        var events = new List<HistoryEvent>();
        if (parser.TryConsume<Scalar>(out var scalar) && YamlReading.IsNull(scalar))
        {
            return events;
        }

        if (scalar is not null || !parser.TryConsume<SequenceStart>(out _))
        {
            throw YamlReading.TypeError(parser, "'events' must be a list", scalar?.Start);
        }

        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            events.Add(EventReader.Read(parser));
        }

        return events;
    }

    internal static DateTimeOffset ParseTimestamp(string text, Mark at)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        throw new YamlException(at, at, $"'timestamp' is not a date and time: \"{text}\"");
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (Line: ...): "; the caller names the line already.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
        return text.TrimEnd('.');
    }
}

/// <summary>One parsed history file: its header and its events in file order.</summary>
public sealed record HistoryDocument(HistoryHeader Header, IReadOnlyList<HistoryEvent> Events)
{
    /// <summary>Whether the parser found an event childctl did not write (<see cref="HistoryEvent.WrittenByChildctl"/>), which a read maps as legacy.</summary>
    public bool HasLegacyEntries { get; init; }
}

/// <summary>
/// The top-level keys of a history file other than <c>events</c>. <see cref="CreatedAt"/> and
/// <see cref="LastUpdated"/> come from the legacy bash logs; they are read and shown as they are, never updated.
/// </summary>
public sealed record HistoryHeader
{
    public string? ClusterName { get; init; }

    public string? Namespace { get; init; }

    public string? CreatedAt { get; init; }

    public string? LastUpdated { get; init; }
}
