using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Routing;
using Childctl.Sandbox.Api.Validation;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>POST (create) and PUT (replace, of the object or of its status).</summary>
internal sealed class WriteHandler(ApiServices api)
{
    public async Task CreateAsync(HttpContext ctx, ResourceRoute route)
    {
        var write = WriteParams.From(ctx);
        var obj = RequestBodies.ParseObject(await RequestBodies.ReadAsync(ctx.Request, ctx.RequestAborted), ctx.Request.ContentType ?? "");
        PrepareBody(ctx, route, obj, write);
        WriteValidation.Validate(route.Definition, obj, statusOnly: false);
        api.Admission.Review(route.Definition.Type, route.Subresource, null, obj, w => Responses.AddWarning(ctx, w));
        var created = api.Store.CreateCore(route.Definition.Type, obj, write.Options());
        await Responses.WriteAsync(ctx, 201, created.Json);
    }

    public async Task ReplaceAsync(HttpContext ctx, ResourceRoute route)
    {
        var write = WriteParams.From(ctx);
        var obj = RequestBodies.ParseObject(await RequestBodies.ReadAsync(ctx.Request, ctx.RequestAborted), ctx.Request.ContentType ?? "");
        var bodyName = ObjectMeta.Name(obj);
        if (bodyName is not null && bodyName != route.Name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({route.Name})");
        }

        ObjectMeta.Of(obj)["name"] = route.Name;
        PrepareBody(ctx, route, obj, write);
        var statusOnly = route.Subresource == "status";
        WriteValidation.Validate(route.Definition, obj, statusOnly);
        var type = route.Definition.Type;
        var result = api.Store.Modify(type, route.Namespace, route.Name!, current =>
        {
            api.Admission.Review(type, route.Subresource, current ?? throw StoreErrors.NotFound(type, route.Name!), obj, w => Responses.AddWarning(ctx, w));
            return obj;
        }, write.Options(), statusOnly ? "status" : null);
        await Responses.WriteAsync(ctx, 200, result.Object.Json);
    }

    /// <summary>Type, namespace and field checks shared by every body-carrying write; adds Warning headers.</summary>
    public static void PrepareBody(HttpContext ctx, ResourceRoute route, JsonObject obj, WriteParams write)
    {
        WriteValidation.CheckTypeMeta(route.Definition, obj);
        var meta = ObjectMeta.Of(obj);
        if (route.Definition.Type.Namespaced)
        {
            var bodyNs = ObjectMeta.Namespace(obj);
            if (bodyNs is not null && bodyNs != route.Namespace)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            meta["namespace"] = route.Namespace;
        }

        foreach (var warning in WriteValidation.Prepare(route.Definition, obj, write.Mode))
        {
            Responses.AddWarning(ctx, warning);
        }
    }
}
