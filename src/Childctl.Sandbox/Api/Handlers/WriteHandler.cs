using System.Text;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Admission;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Routing;
using Childctl.Sandbox.Api.Validation;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>
/// POST (create) and PUT (replace, of the object or of its status). Every body-carrying write goes through the
/// same steps, in the apiserver's order: decode (<see cref="PrepareBody"/>), validate against the old object
/// (<see cref="WriteValidation"/>), admit (<see cref="AdmissionChain"/>), then store.
/// </summary>
internal sealed class WriteHandler(ApiServices api)
{
    public async Task CreateAsync(HttpContext ctx, ResourceRoute route, ApiUser user)
    {
        var write = WriteParams.From(ctx);
        var body = await RequestBodies.ReadAsync(ctx.Request, ctx.RequestAborted);
        var obj = RequestBodies.ParseObject(body, ctx.Request.ContentType ?? "");
        RequireKind(route, obj, body);
        RefuseIfTerminating(api, route, "create");
        RefuseResourceVersionOnCreate(obj);
        if (route.Definition.HasStatus)
        {
            obj.Remove("status"); // as the apiserver's PrepareForCreate: status is written only through /status
        }

        PrepareBody(ctx, route, obj, write);
        WriteValidation.Validate(route.Definition, obj, old: null, statusOnly: false);
        var admission = new AdmissionRequest(AdmissionRequest.Create, route.Definition, route.Namespace, ObjectMeta.Name(obj) ?? "", obj, null, null, user, write.DryRun);
        AdmissionChain.Admit(admission);
        api.Webhooks.Review(admission, w => Responses.AddWarning(ctx, w));
        var created = api.Store.CreateCore(route.Definition.Type, obj, write.Options());
        await Responses.WriteAsync(ctx, 201, created.Json);
    }

    public async Task ReplaceAsync(HttpContext ctx, ResourceRoute route, ApiUser user)
    {
        var write = WriteParams.From(ctx);
        var body = await RequestBodies.ReadAsync(ctx.Request, ctx.RequestAborted);
        var obj = RequestBodies.ParseObject(body, ctx.Request.ContentType ?? "");
        RequireKind(route, obj, body);
        var bodyName = ObjectMeta.Name(obj);
        if (bodyName is not null && bodyName != route.Name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({route.Name})");
        }

        ObjectMeta.Of(obj)["name"] = route.Name;
        PrepareBody(ctx, route, obj, write);
        var statusOnly = route.Subresource == "status";
        var type = route.Definition.Type;
        var result = api.Store.Modify(type, route.Namespace, route.Name!, current =>
        {
            var old = current ?? throw StoreErrors.NotFound(type, route.Name!);
            RequireResourceVersion(route, obj);
            WriteValidation.Validate(route.Definition, obj, old, statusOnly);
            var admission = new AdmissionRequest(AdmissionRequest.Update, route.Definition, route.Namespace, route.Name!, obj, old, route.Subresource, user, write.DryRun);
            AdmissionChain.Admit(admission);
            api.Webhooks.Review(admission, w => Responses.AddWarning(ctx, w));
            return obj;
        }, write.Options(), statusOnly ? "status" : null);
        await Responses.WriteAsync(ctx, 200, result.Object.Json);
    }

    /// <summary>
    /// Decode-time work shared by every body-carrying write: type and namespace checks, bytes fields, the kind's
    /// defaults, then pruning and unknown-field handling (adds Warning headers).
    /// </summary>
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

        CoreValidation.Decode(route.Definition.Type, obj);
        TypeDefaults.Apply(route.Definition.Type, obj, creating: false);
        foreach (var warning in WriteValidation.Prepare(route.Definition, obj, write.Mode))
        {
            Responses.AddWarning(ctx, warning);
        }
    }

    /// <summary>While its CRD is being deleted, a kind's objects may be changed and deleted but not created (upstream: 405).</summary>
    public static void RefuseIfTerminating(ApiServices api, ResourceRoute route, string verb)
    {
        if (api.Registry.IsTerminating(route.Definition))
        {
            throw new StoreException(405, "MethodNotAllowed", $"{verb} not allowed while custom resource definition is terminating",
                new StatusDetails(null, route.Definition.Type.Group, route.Definition.Type.Plural));
        }
    }

    /// <summary>
    /// etcd refuses a create that carries a resourceVersion (a number other than 0), and the apiserver passes that on
    /// as a 500 with no reason; kubectl create and apply clear it first.
    /// </summary>
    public static void RefuseResourceVersionOnCreate(JsonObject obj)
    {
        if (ulong.TryParse(ObjectMeta.ResourceVersion(obj), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rv) && rv != 0)
        {
            throw new StoreException(500, "", "resourceVersion should not be set on objects to be created");
        }
    }

    /// <summary>
    /// Custom resources are decoded as unstructured objects, which must name their kind (typed core kinds take it
    /// from the URL); upstream's words for the refusal, with its 30-byte summary of the body.
    /// </summary>
    private static void RequireKind(ResourceRoute route, JsonObject obj, byte[] body)
    {
        if (!route.Definition.IsCustomResource || !string.IsNullOrEmpty(ObjectMeta.String(obj, "kind")))
        {
            return;
        }

        var text = Encoding.UTF8.GetString(body);
        var summary = body.Length == 0 ? "<empty>"
            : body[0] == '{' ? (body.Length > 30 ? Encoding.UTF8.GetString(body, 0, 30) + " ..." : text)
            : body.Length > 30 ? Convert.ToHexStringLower(body.AsSpan(0, 30)) + " ..." : Convert.ToHexStringLower(body);
        throw ApiErrors.BadRequest($"the object provided is unrecognized (must be of type {route.Definition.Type.Kind}): Object 'Kind' is missing in '{text}' ({summary})");
    }

    /// <summary>Custom resources and CRDs refuse unconditional updates (their strategies' AllowUnconditionalUpdate is false).</summary>
    private static void RequireResourceVersion(ResourceRoute route, JsonObject obj)
    {
        var def = route.Definition;
        if ((def.IsCustomResource || def.Type == Definitions.CoreDefinitions.CustomResourceDefinition) && ObjectMeta.ResourceVersion(obj) is null)
        {
            throw StoreErrors.Invalid(def.Type, route.Name!, new StatusCause("FieldValueInvalid", "Invalid value: 0x0: must be specified for an update", "metadata.resourceVersion"));
        }
    }
}
