using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Admission;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Api.Routing;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>
/// DELETE of one object (with DeleteOptions preconditions and dryRun; propagationPolicy is accepted and, with no
/// dependents to collect, changes nothing) and of a collection (deletecollection, honouring selectors).
/// </summary>
internal sealed class DeleteHandler(ApiServices api)
{
    public async Task DeleteAsync(HttpContext ctx, ResourceRoute route, ApiUser user)
    {
        var options = await ReadOptionsAsync(ctx);
        var preconditions = options?["preconditions"] as JsonObject;
        var dryRun = IsDryRun(ctx, options);
        Admit(ctx, route, route.Namespace, route.Name!, user, dryRun);
        var deleted = api.Store.DeleteCore(route.Definition.Type, route.Namespace, route.Name!,
            Text(preconditions?["uid"]), Text(preconditions?["resourceVersion"]), dryRun);
        await Responses.WriteAsync(ctx, 200, deleted.Json);
    }

    public async Task DeleteCollectionAsync(HttpContext ctx, ResourceRoute route, ApiUser user)
    {
        var list = ListOptions.Parse(ctx.Request.Query, route.Definition);
        var options = await ReadOptionsAsync(ctx);
        var dryRun = IsDryRun(ctx, options);
        var (items, _) = api.Store.Snapshot(route.Definition.Type, route.Namespace);
        var deleted = new List<StoredObject>();
        foreach (var item in items.Where(list.Matches))
        {
            try
            {
                Admit(ctx, route, NullIfEmpty(item.Namespace), item.Name, user, dryRun);
                deleted.Add(api.Store.DeleteCore(item.Type, route.Namespace ?? NullIfEmpty(item.Namespace), item.Name, null, null, dryRun));
            }
            catch (StoreException e) when (e.Code == 404)
            {
                // Gone meanwhile: nothing left to delete.
            }
        }

        var body = ListWriter.Write(route.Definition, deleted, api.Store.ResourceVersion, null);
        await Responses.WriteAsync(ctx, 200, body.WrittenMemory);
    }

    /// <summary>Admission sees the object as stored (a missing one is the store's 404).</summary>
    private void Admit(HttpContext ctx, ResourceRoute route, string? ns, string name, ApiUser user, bool dryRun)
    {
        var current = api.Store.GetStored(route.Definition.Type, ns, name);
        if (current is not null)
        {
            var admission = new AdmissionRequest(AdmissionRequest.Delete, route.Definition, ns, name, null, current.ToNode(), null, user, dryRun);
            AdmissionChain.Admit(admission);
            api.Webhooks.Review(admission, w => Responses.AddWarning(ctx, w));
        }
    }

    private static async Task<JsonObject?> ReadOptionsAsync(HttpContext ctx)
    {
        var body = await RequestBodies.ReadAsync(ctx.Request, ctx.RequestAborted);
        if (body.Length == 0)
        {
            return null;
        }

        var options = RequestBodies.ParseJson(body) as JsonObject ?? throw ApiErrors.BadRequest("DeleteOptions must be a JSON object");
        if (Text(options["propagationPolicy"]) is { } policy && policy is not ("Orphan" or "Background" or "Foreground"))
        {
            throw StoreErrors.Invalid(new ResourceType("meta.k8s.io", "v1", "deleteoptions", "DeleteOptions", false), "",
                new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"", "propagationPolicy"));
        }

        return options;
    }

    private static bool IsDryRun(HttpContext ctx, JsonObject? options) =>
        WriteParams.From(ctx).DryRun || (options?["dryRun"] as JsonArray)?.Any(v => Text(v) == "All") == true;

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0 ? v.GetValue<string>() : null;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
