using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Admission;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Patching;
using Childctl.Sandbox.Api.Routing;
using Childctl.Sandbox.Api.Validation;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>
/// PATCH in all the flavours clients send: JSON merge, JSON patch, server-side apply (which may create; field
/// ownership and conflicts as upstream), and strategic merge — refused with 415 for custom resources as upstream,
/// a merge patch for core kinds (the same thing for the flat maps of Secrets and ConfigMaps; directives that change
/// content are refused). The patch is applied under the store lock.
/// </summary>
internal sealed class PatchHandler(ApiServices api)
{
    private const string CustomResourcePatchTypes = $"{MediaTypes.JsonPatch}, {MediaTypes.MergePatch}, {MediaTypes.ApplyPatch}";

    public async Task PatchAsync(HttpContext ctx, ResourceRoute route, ApiUser user)
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
            var next = isApply
                ? Applied(current?.DeepClone().AsObject(), (JsonObject)patch!, route, write, ListOptions.Flag(ctx.Request.Query, "force"))
                : Patched(essence, current?.DeepClone().AsObject(), patch, route);
            var name = ObjectMeta.Name(next);
            if (name is not null && name != route.Name)
            {
                throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({route.Name})");
            }

            ObjectMeta.Of(next)["name"] = route.Name;
            if (current is null)
            {
                WriteHandler.RefuseIfTerminating(api, route, "create");
                WriteHandler.RefuseResourceVersionOnCreate(next);
            }

            WriteHandler.PrepareBody(ctx, route, next, write);
            WriteValidation.Validate(route.Definition, next, current, statusOnly);
            var operation = current is null ? AdmissionRequest.Create : AdmissionRequest.Update;
            var admission = new AdmissionRequest(operation, route.Definition, route.Namespace, route.Name!, next, current, route.Subresource, user, write.DryRun);
            AdmissionChain.Admit(admission);
            api.Webhooks.Review(admission, w => Responses.AddWarning(ctx, w));
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

    private JsonObject Applied(JsonObject? current, JsonObject patch, ResourceRoute route, WriteParams write, bool force)
    {
        if (current is null && route.Subresource is not null)
        {
            throw StoreErrors.NotFound(route.Definition.Type, route.Name!);
        }

        return ApplyPatch.Apply(current, patch, route.Definition, route.Subresource, write.FieldManager, force, ObjectMeta.Timestamp(api.Time.GetUtcNow()));
    }

    private static JsonObject Patched(string essence, JsonObject? current, JsonNode? patch, ResourceRoute route)
    {
        if (current is null)
        {
            throw StoreErrors.NotFound(route.Definition.Type, route.Name!);
        }

        try
        {
            return essence switch
            {
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

    /// <summary>
    /// Drops <c>$setElementOrder/...</c> (ordering only, which kubectl apply sends for lists with merge keys) and
    /// refuses the directives that would change content (<c>$patch</c>, <c>$retainKeys</c>,
    /// <c>$deleteFromPrimitiveList/...</c>): a plain merge cannot honour them, and silently storing or ignoring them
    /// would be wrong.
    /// </summary>
    private static JsonNode? WithoutDirectives(JsonNode? patch)
    {
        if (patch is JsonObject obj)
        {
            foreach (var (key, value) in obj.ToList())
            {
                if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal))
                {
                    obj.Remove(key);
                }
                else if (key.StartsWith('$'))
                {
                    throw ApiErrors.BadRequest($"the sandbox does not support the strategic merge patch directive {key}; send a JSON merge patch or a JSON patch instead");
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
