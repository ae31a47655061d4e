using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>SelfSubjectReview (who am I: <c>kubectl auth whoami</c>) and SelfSubjectAccessReview (<c>kubectl auth can-i</c>).</summary>
internal sealed class ReviewHandler(ApiServices api)
{
    public Task WhoAmIAsync(HttpContext ctx, ApiUser user)
    {
        var groups = new JsonArray(user.Groups.Select(g => (JsonNode)g).ToArray());
        var review = new JsonObject
        {
            ["kind"] = "SelfSubjectReview",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = ObjectMeta.Timestamp(api.Time.GetUtcNow()) },
            ["status"] = new JsonObject { ["userInfo"] = new JsonObject { ["username"] = user.Name, ["groups"] = groups } },
        };
        return Responses.WriteAsync(ctx, 201, Serialize(review));
    }

    public static async Task CanIAsync(HttpContext ctx, ApiUser user)
    {
        var body = RequestBodies.ParseObject(await RequestBodies.ReadAsync(ctx.Request, ctx.RequestAborted), ctx.Request.ContentType ?? "");
        var verb = (body["spec"]?["resourceAttributes"]?["verb"] ?? body["spec"]?["nonResourceAttributes"]?["verb"])?.GetValue<string>() ?? "";
        var allowed = user.CanWrite || verb is "get" or "list" or "watch";
        body["kind"] = "SelfSubjectAccessReview";
        body["apiVersion"] = "authorization.k8s.io/v1";
        body["status"] = new JsonObject
        {
            ["allowed"] = allowed,
            ["reason"] = allowed ? $"the sandbox lets {user.Name} {verb}" : "",
        };
        await Responses.WriteAsync(ctx, 201, Serialize(body));
    }

    private static byte[] Serialize(JsonObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj, StoreJsonContext.Default.JsonObject);
}
