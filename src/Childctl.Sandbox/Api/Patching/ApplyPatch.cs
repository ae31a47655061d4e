using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Storage;
using Childctl.Sandbox.Storage.Fields;

namespace Childctl.Sandbox.Api.Patching;

/// <summary>
/// Server-side apply: the applied configuration goes through <see cref="FieldOwnership"/> (merge by the schema's
/// list and map types, ownership per manager, removal of fields no longer applied, conflicts unless forced) and
/// comes back with its managedFields, which the store keeps as given.
/// </summary>
internal static class ApplyPatch
{
    public static JsonObject Apply(JsonObject? live, JsonObject applied, ResourceDefinition def, string? subresource, string manager, bool force, string time)
    {
        if (ObjectMeta.Of(applied)["managedFields"] is JsonArray { Count: > 0 })
        {
            throw ApiErrors.BadRequest("metadata.managedFields must be nil");
        }

        return FieldOwnership.ApplyTo(live, applied, ManagedFields.ShapeOf(def.Schema), def.HasStatus, subresource, manager, def.Type.ApiVersion, force, time);
    }
}
