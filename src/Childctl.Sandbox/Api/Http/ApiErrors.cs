using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Http;

/// <summary>The API-level errors (beyond the store's), as <see cref="StoreException"/>s so one path turns them into Status bodies.</summary>
internal static class ApiErrors
{
    public static StoreException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static StoreException NotFoundPath() => new(404, "NotFound", "the server could not find the requested resource");

    public static StoreException BadRequest(string message) => new(400, "BadRequest", message);

    public static StoreException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static StoreException UnsupportedMediaType(string accepted) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {accepted}",
            null);

    public static StoreException TooManyRequests(int retryAfterSeconds) =>
        new(429, "TooManyRequests", "Too many requests, please try again later.", new StatusDetails(null, null, null, RetryAfterSeconds: retryAfterSeconds));

    public static StoreException ServiceUnavailable() =>
        new(503, "ServiceUnavailable", "the server is currently unable to handle the request (injected fault)");

    public static StoreException Internal(string message) => new(500, "InternalError", $"Internal error occurred: {message}");

    /// <summary>The authorizer's 403: <c>clusterdeployments.k0rdent.mirantis.com "x" is forbidden: User "u" cannot delete resource ...</c>.</summary>
    public static StoreException Forbidden(Auth.ApiUser user, Auth.RequestAttributes attributes)
    {
        var denied = attributes.DeniedFor(user);
        if (!attributes.IsResourceRequest)
        {
            return new StoreException(403, "Forbidden", $"forbidden: {denied}", new StatusDetails(null, null, null));
        }

        var qualified = attributes.Group.Length == 0 ? attributes.Resource : $"{attributes.Resource}.{attributes.Group}";
        var subject = attributes.Name is { Length: > 0 } name ? $"{qualified} \"{name}\"" : qualified;
        return new StoreException(403, "Forbidden", $"{subject} is forbidden: {denied}",
            new StatusDetails(attributes.Name, attributes.Group.Length > 0 ? attributes.Group : null, attributes.Resource));
    }
}
