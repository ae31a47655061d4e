using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Api.Validation.Cel;

/// <summary>
/// Evaluates a <see cref="CelNode"/> over JSON values with CEL's semantics for the subset: values are bool, long,
/// double, string, null, lists and maps (JSON arrays and objects); selecting a missing field is an error, which
/// <c>||</c> and <c>&amp;&amp;</c> absorb when the other side decides (CEL's commutative logic), and <c>==</c>
/// between different types is false. Errors are <see cref="CelError"/> values, not exceptions.
/// </summary>
internal static class CelEvaluator
{
    public static object? Evaluate(CelNode node, IReadOnlyDictionary<string, JsonNode?> variables) => node switch
    {
        CelNode.Literal l => l.Value,
        CelNode.Identifier i => variables.TryGetValue(i.Name, out var v) ? FromJson(v) : new CelError($"undeclared reference to '{i.Name}'"),
        CelNode.Select s => Select(Evaluate(s.Operand, variables), s.Field),
        CelNode.Index x => IndexOf(Evaluate(x.Operand, variables), Evaluate(x.Key, variables)),
        CelNode.Call c => Call(c, variables),
        CelNode.Unary u => Unary(u.Operator, Evaluate(u.Operand, variables)),
        CelNode.Binary b => Binary(b, variables),
        CelNode.Conditional c => Evaluate(c.Test, variables) switch
        {
            bool t => Evaluate(t ? c.Then : c.Else, variables),
            CelError e => e,
            _ => new CelError("no matching overload for '_?_:_'"),
        },
        CelNode.ListLiteral l => new JsonArray(l.Items.Select(i => ToJson(Evaluate(i, variables))).ToArray()),
        _ => new CelError("unsupported expression"),
    };

    private static object? Select(object? operand, string field) => operand switch
    {
        CelError e => e,
        JsonObject obj => obj.TryGetPropertyValue(field, out var v) ? FromJson(v) : new CelError($"no such key: {field}"),
        _ => new CelError($"type '{TypeName(operand)}' does not support field selection"),
    };

    private static object? IndexOf(object? operand, object? key) => (operand, key) switch
    {
        (CelError e, _) => e,
        (_, CelError e) => e,
        (JsonObject obj, string k) => obj.TryGetPropertyValue(k, out var v) ? FromJson(v) : new CelError($"no such key: {k}"),
        (JsonArray list, long n) => n >= 0 && n < list.Count ? FromJson(list[(int)n]) : new CelError($"index out of bounds: {n}"),
        _ => new CelError("no matching overload for '_[_]'"),
    };

    private static object? Call(CelNode.Call c, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        if (c.Function == "has" && c.Target is null)
        {
            return c.Args is [CelNode.Select s]
                ? Evaluate(s.Operand, variables) switch
                {
                    CelError e => e,
                    JsonObject obj => obj.ContainsKey(s.Field),
                    var other => new CelError($"type '{TypeName(other)}' does not support field selection"),
                }
                : new CelError("has() requires a field selection");
        }

        var target = c.Target is null ? null : Evaluate(c.Target, variables);
        var args = c.Args.Select(a => Evaluate(a, variables)).ToList();
        if (target is CelError te)
        {
            return te;
        }

        if (args.OfType<CelError>().FirstOrDefault() is { } ae)
        {
            return ae;
        }

        if (c.Function == "size" && (target is null ? args is [var only] ? only : null : args.Count == 0 ? target : null) is { } sized)
        {
            return sized switch
            {
                string s => (long)s.EnumerateRunes().Count(),
                JsonArray a => (long)a.Count,
                JsonObject o => (long)o.Count,
                _ => new CelError("found no matching overload for 'size'"),
            };
        }

        return (c.Function, target, args) switch
        {
            ("startsWith", string s, [string p]) => s.StartsWith(p, StringComparison.Ordinal),
            ("endsWith", string s, [string p]) => s.EndsWith(p, StringComparison.Ordinal),
            ("contains", string s, [string p]) => s.Contains(p, StringComparison.Ordinal),
            _ => new CelError($"found no matching overload for '{c.Function}'"),
        };
    }

    private static object? Unary(string op, object? value) => (op, value) switch
    {
        (_, CelError e) => e,
        ("!", bool b) => !b,
        ("-", long n) => -n,
        ("-", double d) => -d,
        _ => new CelError($"no matching overload for '{op}_'"),
    };

    private static object? Binary(CelNode.Binary b, IReadOnlyDictionary<string, JsonNode?> variables)
    {
        var left = Evaluate(b.Left, variables);
        if (b.Operator is "||" or "&&")
        {
            var decisive = b.Operator == "||";
            if (left is bool l && l == decisive)
            {
                return decisive;
            }

            var right = Evaluate(b.Right, variables);
            return (left, right) switch
            {
                (_, bool r) when r == decisive => decisive,
                (bool, bool) => !decisive,
                (CelError e, _) => e,
                (_, CelError e) => e,
                _ => new CelError($"no matching overload for '_{b.Operator}_'"),
            };
        }

        var rhs = Evaluate(b.Right, variables);
        if (left is CelError le)
        {
            return le;
        }

        if (rhs is CelError re)
        {
            return re;
        }

        return b.Operator switch
        {
            "==" => ValueEquals(left, rhs),
            "!=" => !ValueEquals(left, rhs),
            "in" => rhs switch
            {
                JsonArray list => list.Any(i => ValueEquals(FromJson(i), left)),
                JsonObject map when left is string k => map.ContainsKey(k),
                _ => new CelError("no matching overload for '@in'"),
            },
            "<" or "<=" or ">" or ">=" => Compare(b.Operator, left, rhs),
            _ => Arithmetic(b.Operator, left, rhs),
        };
    }

    private static object Compare(string op, object? a, object? b)
    {
        int? order = (a, b) switch
        {
            (long x, long y) => x.CompareTo(y),
            (double or long, double or long) => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)),
            (string x, string y) => string.CompareOrdinal(x, y),
            _ => null,
        };
        return order is not { } o ? new CelError($"no matching overload for '_{op}_'") : op switch
        {
            "<" => o < 0,
            "<=" => o <= 0,
            ">" => o > 0,
            _ => o >= 0,
        };
    }

    private static object Arithmetic(string op, object? a, object? b) => (op, a, b) switch
    {
        ("+", long x, long y) => x + y,
        ("-", long x, long y) => x - y,
        ("*", long x, long y) => x * y,
        ("/", long _, 0L) or ("%", long _, 0L) => new CelError("division by zero"),
        ("/", long x, long y) => x / y,
        ("%", long x, long y) => x % y,
        ("+", string x, string y) => x + y,
        ("+", double x, double y) => x + y,
        ("-", double x, double y) => x - y,
        ("*", double x, double y) => x * y,
        ("/", double x, double y) => x / y,
        _ => new CelError($"no matching overload for '_{op}_'"),
    };

    private static bool ValueEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (long x, double y) => x == y,
        (double x, long y) => x == y,
        (JsonNode x, JsonNode y) => JsonNode.DeepEquals(x, y),
        (JsonNode, _) or (_, JsonNode) => false,
        _ => Equals(a, b),
    };

/// <summary>A JSON value as CEL sees it: maps and lists stay nodes, scalars become bool, long, double or string.</summary>
    private static object? FromJson(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return node;
        }

        object? scalar = v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when v.TryGetValue<long>(out var n) => n,
            JsonValueKind.Number => v.GetValue<double>(),
            _ => null,
        };
        return scalar;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        JsonNode n => n.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long n => JsonValue.Create(n),
        double d => JsonValue.Create(d),
        _ => null,
    };

    private static string TypeName(object? value) => value switch
    {
        null => "null_type",
        string => "string",
        bool => "bool",
        long => "int",
        double => "double",
        JsonArray => "list",
        JsonObject => "map",
        _ => "unknown",
    };
}

/// <summary>An evaluation error, carried as a value so that CEL's logical operators can absorb it.</summary>
internal sealed record CelError(string Message);
