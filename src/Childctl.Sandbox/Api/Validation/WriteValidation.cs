using System.Text.Json.Nodes;
using System.Text.Json;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Validation;

/// <summary>
/// What every write goes through, in the apiserver's order: decode-time pruning and unknown-field handling
/// (fieldValidation Strict → 400, Warn → Warning headers), defaulting, then schema validation → 422.
/// Main-resource writes validate everything but status; status writes validate only status, so a status the
/// controller wrote in-process never blocks a spec change. The schema's CEL rules (x-kubernetes-validations) run
/// with the old object on updates (<see cref="Cel.CelRules"/>).
/// </summary>
internal static class WriteValidation
{
    public static FieldValidation ModeOf(string? value) => value switch
    {
        null or "" or "Warn" => FieldValidation.Warn,
        "Strict" => FieldValidation.Strict,
        "Ignore" => FieldValidation.Ignore,
        _ => throw ApiErrors.BadRequest($"fieldValidation parameter unsupported: {value}"),
    };

    /// <summary>Prunes and defaults <paramref name="obj"/> in place; returns the warnings to send.</summary>
    public static List<string> Prepare(ResourceDefinition def, JsonObject obj, FieldValidation mode)
    {
        if (def.Schema is not { ValueKind: JsonValueKind.Object } schema)
        {
            return [];
        }

        var pruner = new SchemaPruner();
        pruner.PruneRoot(obj, schema);
        if (pruner.UnknownFields.Count == 0 || mode == FieldValidation.Ignore)
        {
            return [];
        }

        var messages = pruner.UnknownFields.Select(f => $"unknown field \"{f}\"").ToList();
        return mode == FieldValidation.Strict
            ? throw ApiErrors.BadRequest($"strict decoding error: {string.Join(", ", messages)}")
            : messages;
    }

    /// <summary>Schema, core-kind and rule validation; <paramref name="old"/> is the stored object on updates, null on create.</summary>
    public static void Validate(ResourceDefinition def, JsonObject obj, JsonObject? old, bool statusOnly)
    {
        var validator = new SchemaValidator();
        validator.Validate(obj["metadata"], CoreDefinitions.ObjectMetaSchema, "metadata");
        if (def.Schema is { ValueKind: JsonValueKind.Object } schema)
        {
            foreach (var (key, value) in obj)
            {
                if (key is "apiVersion" or "kind" or "metadata" || (def.HasStatus && (key == "status") != statusOnly))
                {
                    continue;
                }

                if (Schema.Property(schema, key) is { } child)
                {
                    validator.Validate(value, child, key);
                    var hasOld = old is not null && old.ContainsKey(key);
                    Cel.CelRules.Check(value, hasOld ? old![key] : null, hasOld, child, key, validator.Causes);
                }
            }

            if (!statusOnly)
            {
                RequiredAtRoot(schema, obj, validator.Causes);
            }
        }

        var causes = validator.Causes;
        if (def.Type == CoreDefinitions.CustomResourceDefinition)
        {
            causes.AddRange(CrdChecks.Check(obj));
        }

        causes.AddRange(CoreValidation.Check(def.Type, obj, old));

        if (causes.Count > 0)
        {
            throw StoreErrors.Invalid(def.Type, ObjectMeta.Name(obj) ?? "", causes);
        }
    }

    private static void RequiredAtRoot(JsonElement schema, JsonObject obj, List<StatusCause> causes)
    {
        if (Schema.Get(schema, "required") is not { ValueKind: JsonValueKind.Array } required)
        {
            return;
        }

        foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => n != "status" && obj[n] is null))
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", name));
        }
    }

    /// <summary>apiVersion and kind, when the body carries them, must be the endpoint's.</summary>
    public static void CheckTypeMeta(ResourceDefinition def, JsonObject obj)
    {
        var apiVersion = ObjectMeta.String(obj, "apiVersion");
        var kind = ObjectMeta.String(obj, "kind");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != def.Type.ApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({def.Type.ApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != def.Type.Kind)
        {
            throw ApiErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({def.Type.Kind})");
        }
    }
}

/// <summary>The fieldValidation query parameter: what to do with unknown fields (Warn when absent, as upstream).</summary>
internal enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}
