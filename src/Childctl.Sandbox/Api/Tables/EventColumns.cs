using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Tables;

/// <summary>The core Event table: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; wide adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME.</summary>
internal static class EventColumns
{
    public static List<TableColumn> All() =>
    [
        Column("Last Seen", 0, (o, now) => HumanDuration.Since(LastSeen(o), now)),
        TableColumns.Path("Type", "string", ".type", "Normal or Warning"),
        TableColumns.Path("Reason", "string", ".reason", "Why the event was reported"),
        Column("Object", 0, (o, _) => $"{Involved(o, "kind").ToLowerInvariant()}/{Involved(o, "name")}"),
        Column("Subobject", 1, (o, _) => Involved(o, "fieldPath")),
        Column("Source", 1, (o, _) => Source(o)),
        TableColumns.Path("Message", "string", ".message", "What happened"),
        Column("First Seen", 1, (o, now) => HumanDuration.Since(Text(o.Root, "firstTimestamp") ?? LastSeen(o), now)),
        Column("Count", 1, (o, _) => o.Root.TryGetProperty("count", out var c) && c.TryGetInt64(out var n) ? n : 1L, "integer"),
        Column("Name", 1, (o, _) => o.Name),
    ];

    private static TableColumn Column(string name, int priority, Func<StoredObject, DateTimeOffset, CellValue> cell, string type = "string") =>
        new(new PrinterColumn(name, type, "", name, priority), cell);

    private static string? LastSeen(StoredObject o) =>
        Text(o.Root, "lastTimestamp") ?? Text(o.Root, "eventTime") ?? TableColumns.Metadata(o, "creationTimestamp");

    private static string Involved(StoredObject o, string field) =>
        o.Root.TryGetProperty("involvedObject", out var io) ? Text(io, field) ?? "" : "";

    private static string Source(StoredObject o)
    {
        if (!o.Root.TryGetProperty("source", out var s))
        {
            return Text(o.Root, "reportingComponent") ?? "";
        }

        var component = Text(s, "component") ?? "";
        return Text(s, "host") is { Length: > 0 } host ? $"{component}, {host}" : component;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;
}
