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

    public static StoreException Forbidden(Auth.ApiUser user, string verb, Definitions.ResourceDefinition? def, string? ns, string? name, string? subresource)
    {
        var type = def?.Type;
        var resource = type is null ? "" : subresource is null ? type.Plural : $"{type.Plural}/{subresource}";
        var subject = type is null ? "" : StoreErrors.Resource(type) + (name is null ? "" : $" \"{name}\"");
        var where = ns is null ? "" : $" in the namespace \"{ns}\"";
        var message = $"{subject} is forbidden: User \"{user.Name}\" cannot {verb} resource \"{resource}\" in API group \"{type?.Group}\"{where}";
        return new StoreException(403, "Forbidden", message, new StatusDetails(name, type?.Group is { Length: > 0 } g ? g : null, type?.Plural));
    }
}
