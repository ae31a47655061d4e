using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.Errors;
using Childctl.Shared.ValuesSchema;

namespace Childctl.Core.Operations.Change;

/// <summary>
/// What <c>set config</c> changes in <c>spec.config</c>, applied in Helm's order: the values files (<c>-f</c>) merged in
/// first (maps merge key by key, a null removes the key), then each <c>key=value</c>, then each <c>--unset</c>. Keys are
/// dotted paths (<c>worker.instanceType</c>); a value is typed as a plain YAML scalar is (<c>3</c> a number,
/// <c>true</c> a boolean, <c>null</c> removes), a JSON list or object when it starts with <c>[</c> or <c>{</c>, and a
/// string when quoted (<c>'3'</c>) or anything else.
/// </summary>
public sealed record ConfigEdits
{
    public IReadOnlyList<JsonObject> ValuesFiles { get; init; } = [];

    public IReadOnlyList<string> Assignments { get; init; } = [];

    public IReadOnlyList<string> Unset { get; init; } = [];

    public bool IsEmpty => ValuesFiles.Count == 0 && Assignments.Count == 0 && Unset.Count == 0;

    /// <summary>Checks every key and value before anything is read from the API.</summary>
    public void Validate()
    {
        if (IsEmpty)
        {
            throw ChildctlException.InvalidInput("say what to change: KEY=VALUE..., --unset KEY, or -f VALUES.yaml");
        }

        foreach (var assignment in Assignments)
        {
            _ = Split(assignment);
        }

        foreach (var key in Unset)
        {
            _ = Path(key, "--unset");
        }
    }

    /// <summary>A copy of <paramref name="config"/> with the edits applied.</summary>
    public JsonObject ApplyTo(JsonObject? config)
    {
        var result = config?.DeepClone() as JsonObject ?? [];
        foreach (var values in ValuesFiles)
        {
            HelmValues.Coalesce(result, values);
        }

        foreach (var assignment in Assignments)
        {
            var (path, value) = Split(assignment);
            Set(result, path, value);
        }

        foreach (var key in Unset)
        {
            Set(result, Path(key, "--unset"), null);
        }

        return result;
    }

    /// <summary>The RFC 7386 merge patch that turns <paramref name="before"/> into <paramref name="after"/>: removed keys as null.</summary>
    public static JsonObject MergePatch(JsonObject before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var patch = new JsonObject();
        foreach (var (key, _) in before.Where(p => !after.ContainsKey(p.Key)))
        {
            patch[key] = null;
        }

        foreach (var (key, value) in after)
        {
            var old = before[key];
            if (old is JsonObject oldMap && value is JsonObject newMap)
            {
                if (MergePatch(oldMap, newMap) is { Count: > 0 } nested)
                {
                    patch[key] = nested;
                }
            }
            else if (!before.ContainsKey(key) || !JsonNode.DeepEquals(old, value))
            {
                patch[key] = value?.DeepClone();
            }
        }

        return patch;
    }

    /// <summary>A value typed as a plain YAML scalar (YAML 1.2 core schema), or JSON for a list or an object.</summary>
    public static JsonNode? ParseValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length >= 2 && (text[0], text[^1]) is ('\'', '\'') or ('"', '"'))
        {
            return JsonValue.Create(text[1..^1]);
        }

        if (text.StartsWith('[') || text.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw ChildctlException.InvalidInput($"value {text} is not valid JSON: {e.Message}");
            }
        }

        return text switch
        {
            "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ when text.Any(char.IsAsciiDigit) && text.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+')
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }

    private static (string[] Path, JsonNode? Value) Split(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw ChildctlException.InvalidInput($"\"{assignment}\" is not KEY=VALUE (for example workersNumber=3 or worker.instanceType=t3.large)");
        }

        return (Path(assignment[..equals], assignment), ParseValue(assignment[(equals + 1)..]));
    }

    private static string[] Path(string key, string context)
    {
        var parts = key.Split('.');
        return parts.Any(p => p.Length == 0) || key.StartsWith("spec.", StringComparison.Ordinal)
            ? throw ChildctlException.InvalidInput($"{context}: \"{key}\" is not a config key: give a dotted path under spec.config, e.g. worker.instanceType")
            : parts;
    }

    /// <summary>Sets (or, for null, removes) the value at a path, making the maps on the way; a scalar in the way is replaced.</summary>
    private static void Set(JsonObject config, string[] path, JsonNode? value)
    {
        var node = config;
        foreach (var part in path[..^1])
        {
            if (node[part] is not JsonObject next)
            {
                if (value is null)
                {
                    return;
                }

                next = [];
                node[part] = next;
            }

            node = next;
        }

        if (value is null)
        {
            node.Remove(path[^1]);
        }
        else
        {
            node[path[^1]] = value;
        }
    }
}
