using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>
/// The self-subject reviews, answered for the user the request acts as (after impersonation):
/// SelfSubjectReview (<c>kubectl auth whoami</c>), SelfSubjectAccessReview (<c>kubectl auth can-i</c>) and
/// SelfSubjectRulesReview (<c>kubectl auth can-i --list</c>), all from <see cref="SandboxRbac"/>.
/// </summary>
internal sealed class ReviewHandler(ApiServices api)
{
    public Task WhoAmIAsync(HttpContext ctx, ApiUser user)
    {
        var info = new JsonObject { ["username"] = user.Name };
        if (user.Uid.Length > 0)
        {
            info["uid"] = user.Uid;
        }

        info["groups"] = Strings(user.Groups);
        if (user.ExtraValues.Count > 0)
        {
            info["extra"] = new JsonObject(user.ExtraValues.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)Strings(e.Value))));
        }

        var review = new JsonObject
        {
            ["kind"] = "SelfSubjectReview",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = ObjectMeta.Timestamp(api.Time.GetUtcNow()) },
            ["status"] = new JsonObject { ["userInfo"] = info },
        };
        return Responses.WriteAsync(ctx, 201, Serialize(review));
    }

    public static async Task CanIAsync(HttpContext ctx, ApiUser user)
    {
        var body = await ReadAsync(ctx);
        var spec = body["spec"] as JsonObject;
        var attributes = spec?["resourceAttributes"] is JsonObject r
            ? new RequestAttributes(Text(r, "verb"), Text(r, "group"), Text(r, "resource"), NullIfEmpty(Text(r, "subresource")), NullIfEmpty(Text(r, "namespace")), NullIfEmpty(Text(r, "name")))
            : spec?["nonResourceAttributes"] is JsonObject n
                ? RequestAttributes.NonResource(Text(n, "verb"), Text(n, "path"))
                : throw StoreErrors.Invalid(new ResourceType("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false), "",
                    new StatusCause("FieldValueRequired", "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified", "spec.resourceAttributes"));
        var binding = SandboxRbac.Authorize(user, attributes);
        body["kind"] = "SelfSubjectAccessReview";
        body["apiVersion"] = "authorization.k8s.io/v1";
        body["status"] = binding is null
            ? new JsonObject { ["allowed"] = false }
            : new JsonObject { ["allowed"] = true, ["reason"] = SandboxRbac.Reason(binding) };
        await Responses.WriteAsync(ctx, 201, Serialize(body));
    }

    public static async Task RulesAsync(HttpContext ctx, ApiUser user)
    {
        var body = await ReadAsync(ctx);
        var rules = SandboxRbac.RulesFor(user).ToList();
        var resourceRules = new JsonArray();
        var urlRules = new JsonArray();
        foreach (var rule in rules)
        {
            if (rule.NonResourceUrls.Count > 0)
            {
                urlRules.Add((JsonNode)new JsonObject { ["verbs"] = Strings(rule.Verbs), ["nonResourceURLs"] = Strings(rule.NonResourceUrls) });
            }
            else
            {
                resourceRules.Add((JsonNode)new JsonObject { ["verbs"] = Strings(rule.Verbs), ["apiGroups"] = Strings(rule.ApiGroups), ["resources"] = Strings(rule.Resources) });
            }
        }

        body["kind"] = "SelfSubjectRulesReview";
        body["apiVersion"] = "authorization.k8s.io/v1";
        body["status"] = new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = urlRules, ["incomplete"] = false };
        await Responses.WriteAsync(ctx, 201, Serialize(body));
    }

    private static async Task<JsonObject> ReadAsync(HttpContext ctx) =>
        RequestBodies.ParseObject(await RequestBodies.ReadAsync(ctx.Request, ctx.RequestAborted), ctx.Request.ContentType ?? "");

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static string Text(JsonObject obj, string key) => ObjectMeta.String(obj, key) ?? "";

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static byte[] Serialize(JsonObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj, StoreJsonContext.Wire.JsonObject);
}
