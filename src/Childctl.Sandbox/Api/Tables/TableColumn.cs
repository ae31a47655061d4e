using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Tables;

/// <summary>A column definition plus how to compute its cell for one object (a JSON value, or null for an empty cell).</summary>
internal sealed record TableColumn(PrinterColumn Definition, Func<StoredObject, DateTimeOffset, CellValue> Cell);

/// <summary>A table cell: a string, a number, a boolean, raw JSON, or nothing.</summary>
internal readonly record struct CellValue(object? Value)
{
    public static readonly CellValue Null = new(null);

    public static CellValue From(JsonElement e) => new(e);

    public static implicit operator CellValue(string? s) => new(s);

    public static implicit operator CellValue(long n) => new(n);

    public void WriteTo(Utf8JsonWriter w)
    {
        switch (Value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case long n:
                w.WriteNumberValue(n);
                break;
            case JsonElement e:
                e.WriteTo(w);
                break;
            default:
                w.WriteStringValue(Value.ToString());
                break;
        }
    }
}
