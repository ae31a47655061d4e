using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Storage;
using Childctl.Shared.JsonPath;

namespace Childctl.Sandbox.Api.Tables;

/// <summary>The columns of each kind's Table: a CRD's printer columns, or the apiserver's own for the core kinds.</summary>
internal static class TableColumns
{
    private const string NameDescription = "Name must be unique within a namespace; see the metadata.name field.";
    private const string AgeDescription = "Time since the object was created (metadata.creationTimestamp).";

    public static List<TableColumn> For(ResourceDefinition def) => def.Table switch
    {
        TableStyle.Namespace => [NameColumn(), Path("Status", "string", ".status.phase", "The namespace's phase"), AgeColumn()],
        TableStyle.Secret => [NameColumn(), Path("Type", "string", ".type", "How the secret is used"), DataCount(), AgeColumn()],
        TableStyle.ConfigMap => [NameColumn(), ConfigMapDataCount(), AgeColumn()],
        TableStyle.Event => EventColumns.All(),
        TableStyle.CustomResourceDefinition => [NameColumn(), CreatedAt()],
        _ => CustomColumns(def),
    };

    public static string Metadata(StoredObject o, string field) =>
        o.Metadata.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static List<TableColumn> CustomColumns(ResourceDefinition def)
    {
        var columns = new List<TableColumn> { NameColumn() };
        foreach (var c in def.Columns)
        {
            var path = TryCompile(c.JsonPath);
            columns.Add(new TableColumn(c, (o, now) => path is null ? CellValue.Null : Evaluate(path, c.Type, o, now)));
        }

        if (def.Columns.Count == 0)
        {
            columns.Add(AgeColumn());
        }

        return columns;
    }

    private static CellValue Evaluate(JsonPathQuery path, string type, StoredObject o, DateTimeOffset now)
    {
        var results = path.Evaluate(o.Root).Where(r => r.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)).ToList();
        return results.Count switch
        {
            0 => CellValue.Null,
            1 when type == "date" && results[0].ValueKind == JsonValueKind.String => HumanDuration.Since(results[0].GetString(), now),
            1 when results[0].ValueKind is JsonValueKind.Object or JsonValueKind.Array => results[0].GetRawText(),
            1 => CellValue.From(results[0]),
            _ => string.Join(" ", results.Select(JsonPathQuery.Text)),
        };
    }

    private static JsonPathQuery? TryCompile(string path)
    {
        try
        {
            return new JsonPathQuery(path);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static TableColumn NameColumn() =>
        new(new PrinterColumn("Name", "string", ".metadata.name", NameDescription, Format: "name"), (o, _) => o.Name);

    public static TableColumn AgeColumn() =>
        new(new PrinterColumn("Age", "date", ".metadata.creationTimestamp", AgeDescription), (o, now) => HumanDuration.Since(Metadata(o, "creationTimestamp"), now));

    private static TableColumn CreatedAt() =>
        new(new PrinterColumn("Created At", "date", ".metadata.creationTimestamp", AgeDescription), (o, _) => Metadata(o, "creationTimestamp"));

    private static TableColumn DataCount() =>
        new(new PrinterColumn("Data", "string", ".data", "Number of keys in data"),
            (o, _) => o.Root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d.EnumerateObject().Count() : 0L);

    /// <summary>Upstream counts the keys of data and binaryData together.</summary>
    private static TableColumn ConfigMapDataCount() =>
        new(new PrinterColumn("Data", "integer", "", "Number of keys in data and binaryData"),
            (o, _) => Count(o.Root, "data") + Count(o.Root, "binaryData"));

    private static long Count(JsonElement root, string field) =>
        root.TryGetProperty(field, out var d) && d.ValueKind == JsonValueKind.Object ? d.EnumerateObject().Count() : 0L;

    public static TableColumn Path(string name, string type, string jsonPath, string description, int priority = 0)
    {
        var path = new JsonPathQuery(jsonPath);
        return new TableColumn(new PrinterColumn(name, type, jsonPath, description, priority),
            (o, _) => path.Evaluate(o.Root).FirstOrDefault() is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } v ? JsonPathQuery.Text(v) : CellValue.Null);
    }
}
