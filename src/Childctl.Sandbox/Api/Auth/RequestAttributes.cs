namespace Childctl.Sandbox.Api.Auth;

/// <summary>
/// What a request asks to do, as the apiserver's authorizer sees it: a verb on a resource (group, resource,
/// subresource, namespace and name; null namespace means the cluster scope) or a verb on a non-resource path.
/// </summary>
internal sealed record RequestAttributes(string Verb, string Group, string Resource, string? Subresource, string? Namespace, string? Name, string? Path = null)
{
    public bool IsResourceRequest => Path is null;

    public static RequestAttributes NonResource(string verb, string path) => new(verb, "", "", null, null, null, path);

    /// <summary>The authorizer's words for a refusal: <c>User "u" cannot list resource "r" in API group "g" in the namespace "n"</c>.</summary>
    public string DeniedFor(ApiUser user)
    {
        if (!IsResourceRequest)
        {
            return $"User \"{user.Name}\" cannot {Verb} path \"{Path}\"";
        }

        var resource = Subresource is null ? Resource : $"{Resource}/{Subresource}";
        var scope = Namespace is { Length: > 0 } ns ? $"in the namespace \"{ns}\"" : "at the cluster scope";
        return $"User \"{user.Name}\" cannot {Verb} resource \"{resource}\" in API group \"{Group}\" {scope}";
    }
}
