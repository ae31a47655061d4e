using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Validation.Cel;

/// <summary>
/// Enforces a structural schema's <c>x-kubernetes-validations</c> as the apiextensions apiserver does: each rule
/// runs with <c>self</c> bound to the value at its schema node; a rule that uses <c>oldSelf</c> (a transition rule)
/// runs only on updates where the old object has a value there (map-list items are matched by key, other list
/// items never). A false rule is a cause at that node — <c>Invalid value: "TYPE": MESSAGE</c>, or the rule's reason
/// (FieldValueForbidden, FieldValueRequired) — and an evaluation error is reported as upstream reports it.
/// </summary>
internal static class CelRules
{
    private static readonly ConcurrentDictionary<string, Compiled> Cache = new(StringComparer.Ordinal);

    public static void Check(JsonNode? value, JsonNode? old, bool hasOld, JsonElement schema, string path, List<StatusCause> causes)
    {
        if (value is null || schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        RunRules(value, old, hasOld, schema, path, causes);
        switch (value)
        {
            case JsonObject obj:
                var additional = Schema.AdditionalProperties(schema);
                foreach (var (key, child) in obj)
                {
                    var childSchema = Schema.Property(schema, key) ?? (additional is { ValueKind: JsonValueKind.Object } a ? a : null);
                    if (childSchema is { } s)
                    {
                        var oldObj = old as JsonObject;
                        var childHasOld = hasOld && oldObj is not null && oldObj.ContainsKey(key);
                        Check(child, childHasOld ? oldObj![key] : null, childHasOld, s, Schema.Child(path, key), causes);
                    }
                }

                break;
            case JsonArray array when Schema.Get(schema, "items") is { ValueKind: JsonValueKind.Object } items:
                var keys = Schema.Get(schema, "x-kubernetes-list-type") is { ValueKind: JsonValueKind.String } t && t.GetString() == "map"
                    && Schema.Get(schema, "x-kubernetes-list-map-keys") is { ValueKind: JsonValueKind.Array } k
                    ? k.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
                    : null;
                for (var i = 0; i < array.Count; i++)
                {
                    var oldItem = keys is not null && hasOld && old is JsonArray oldArray && array[i] is JsonObject item
                        ? oldArray.OfType<JsonObject>().FirstOrDefault(o => keys.All(key => JsonNode.DeepEquals(o[key], item[key])))
                        : null;
                    Check(array[i], oldItem, oldItem is not null, items, $"{path}[{i}]", causes);
                }

                break;
        }
    }

    private static void RunRules(JsonNode value, JsonNode? old, bool hasOld, JsonElement schema, string path, List<StatusCause> causes)
    {
        if (Schema.Get(schema, "x-kubernetes-validations") is not { ValueKind: JsonValueKind.Array } rules)
        {
            return;
        }

        var type = Schema.Type(schema) ?? "";
        foreach (var rule in rules.EnumerateArray())
        {
            var text = rule.TryGetProperty("rule", out var r) ? r.GetString() ?? "" : "";
            var message = rule.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } msg ? msg.Trim() : null;
            var reason = rule.TryGetProperty("reason", out var why) ? why.GetString() : null;
            var compiled = Cache.GetOrAdd(text, Compile);
            if (compiled.Error is { } compileError)
            {
                causes.Add(Invalid(path, type, $"rule compile error: {compileError}"));
                continue;
            }

            if (compiled.Node!.UsesOldSelf && !hasOld)
            {
                continue;
            }

            var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["self"] = value, ["oldSelf"] = old };
            var describedRule = message ?? text.Trim();
            switch (CelEvaluator.Evaluate(compiled.Node, variables))
            {
                case true:
                    break;
                case CelError e:
                    causes.Add(Invalid(path, type, $"{e.Message} evaluating rule: {describedRule}"));
                    break;
                case false:
                    causes.Add(Failed(path, type, message ?? $"failed rule: {text.Trim()}", reason));
                    break;
                default:
                    causes.Add(Invalid(path, type, $"rule did not evaluate to a bool evaluating rule: {describedRule}"));
                    break;
            }
        }
    }

    private static Compiled Compile(string rule)
    {
        try
        {
            return new Compiled(CelParser.Parse(rule), null);
        }
        catch (FormatException e)
        {
            return new Compiled(null, $"the sandbox's CEL subset cannot parse this rule: {e.Message}");
        }
    }

    private static StatusCause Failed(string path, string type, string message, string? reason) => reason switch
    {
        "FieldValueForbidden" => new StatusCause("FieldValueForbidden", $"Forbidden: {message}", path),
        "FieldValueRequired" => new StatusCause("FieldValueRequired", $"Required value: {message}", path),
        _ => Invalid(path, type, message),
    };

    private static StatusCause Invalid(string path, string type, string message) =>
        new("FieldValueInvalid", $"Invalid value: {GoQuote.Quote(type)}: {message}", path);

    private sealed record Compiled(CelNode? Node, string? Error);
}
