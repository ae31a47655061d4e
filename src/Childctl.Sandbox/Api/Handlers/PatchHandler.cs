using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Patching;
using Childctl.Sandbox.Api.Routing;
using Childctl.Sandbox.Api.Validation;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>
/// PATCH in all the flavours clients send: JSON merge, JSON patch, server-side apply (which may create), and
/// strategic merge — refused with 415 for custom resources as upstream, treated as a merge patch for core kinds
/// (the same thing for the flat maps of Secrets and Namespaces). The patch is applied under the store lock.
/// </summary>
internal sealed class PatchHandler(ApiServices api)
{
    private const string CustomResourcePatchTypes = $"{MediaTypes.JsonPatch}, {MediaTypes.MergePatch}, {MediaTypes.ApplyPatch}";

    public async Task PatchAsync(HttpContext ctx, ResourceRoute route)
    {
        var write = WriteParams.From(ctx);
        var essence = MediaTypes.Essence(ctx.Request.ContentType);
        CheckPatchType(route, essence);
        var body = await RequestBodies.ReadAsync(ctx.Request, ctx.RequestAborted);
        var isApply = essence == MediaTypes.ApplyPatch;
        var patch = isApply ? RequestBodies.ParseYaml(body) : RequestBodies.ParseJson(body);
        if (isApply)
        {
            CheckApply(ctx, route, patch, write);
        }

        var statusOnly = route.Subresource == "status";
        var type = route.Definition.Type;
        var result = api.Store.Modify(type, route.Namespace, route.Name!, current =>
        {
            var old = current?.DeepClone().AsObject(); // patches edit the current object in place; admission compares with the stored one
            var next = Patched(essence, current, patch, route);
            var name = ObjectMeta.Name(next);
            if (name is not null && name != route.Name)
            {
                throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({route.Name})");
            }

            ObjectMeta.Of(next)["name"] = route.Name;
            WriteHandler.PrepareBody(ctx, route, next, write);
            WriteValidation.Validate(route.Definition, next, statusOnly);
            api.Admission.Review(type, route.Subresource, old, next, w => Responses.AddWarning(ctx, w));
            return next;
        }, write.Options(isApply ? WriteOptions.Apply : WriteOptions.Update), statusOnly ? "status" : null);
        await Responses.WriteAsync(ctx, result.Created ? 201 : 200, result.Object.Json);
    }

    private static void CheckPatchType(ResourceRoute route, string essence)
    {
        var supported = essence is MediaTypes.MergePatch or MediaTypes.JsonPatch or MediaTypes.ApplyPatch
            || (essence == MediaTypes.StrategicMergePatch && !route.Definition.IsCustomResource);
        if (!supported)
        {
            var accepted = route.Definition.IsCustomResource ? CustomResourcePatchTypes : $"{CustomResourcePatchTypes}, {MediaTypes.StrategicMergePatch}";
            throw ApiErrors.UnsupportedMediaType(accepted);
        }
    }

    private static void CheckApply(HttpContext ctx, ResourceRoute route, JsonNode? patch, WriteParams write)
    {
        if (!write.ExplicitManager)
        {
            throw ApiErrors.BadRequest($"PATCH {ctx.Request.Path}: fieldManager is required for apply requests");
        }

        if (patch is not JsonObject obj || string.IsNullOrEmpty(ObjectMeta.String(obj, "apiVersion")) || string.IsNullOrEmpty(ObjectMeta.String(obj, "kind")))
        {
            throw ApiErrors.BadRequest("invalid object type: apply patches must set apiVersion and kind");
        }

        WriteValidation.CheckTypeMeta(route.Definition, obj);
    }

    private static JsonObject Patched(string essence, JsonObject? current, JsonNode? patch, ResourceRoute route)
    {
        if (current is null)
        {
            return essence == MediaTypes.ApplyPatch && route.Subresource is null
                ? (JsonObject)patch!.DeepClone()
                : throw StoreErrors.NotFound(route.Definition.Type, route.Name!);
        }

        try
        {
            return essence switch
            {
                MediaTypes.ApplyPatch => ApplyPatch.Apply(current, (JsonObject)patch!),
                MediaTypes.JsonPatch => JsonPatch.Apply(current, patch as JsonArray ?? throw ApiErrors.BadRequest("a JSON patch must be an array of operations")) as JsonObject
                    ?? throw new JsonPatchException("the patch replaced the object with a non-object"),
                MediaTypes.StrategicMergePatch => (JsonObject)MergePatch.Apply(current, WithoutDirectives(patch))!,
                _ => MergePatch.Apply(current, patch) as JsonObject ?? throw ApiErrors.BadRequest("a merge patch must be a JSON object"),
            };
        }
        catch (JsonPatchException e)
        {
            throw new StoreException(422, "Invalid", $"the server rejected our request due to an error in our request: {e.Message}");
        }
    }

    /// <summary>Drops strategic-merge directives ($patch, $setElementOrder/..., $retainKeys), which a plain merge would store.</summary>
    private static JsonNode? WithoutDirectives(JsonNode? patch)
    {
        if (patch is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                if (key.StartsWith('$'))
                {
                    obj.Remove(key);
                }
                else
                {
                    WithoutDirectives(value);
                }
            }
        }

        return patch;
    }
}
