using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Auth;

/// <summary>
/// The apiserver's impersonation filter: Impersonate-User (or a service account name), Impersonate-Group,
/// Impersonate-Uid and Impersonate-Extra-* headers, each authorised as the verb "impersonate" on users, groups,
/// uids or userextras/KEY for the authenticated user; the first refusal is a 403 with the authorizer's words.
/// The impersonated user gets system:authenticated added, as upstream.
/// </summary>
internal static class Impersonation
{
    private const string UserHeader = "Impersonate-User";
    private const string GroupHeader = "Impersonate-Group";
    private const string UidHeader = "Impersonate-Uid";
    private const string ExtraPrefix = "Impersonate-Extra-";

    /// <summary>The user to act as: the requestor itself without impersonation headers.</summary>
    public static ApiUser Resolve(HttpRequest request, ApiUser requestor)
    {
        var steps = Steps(request.Headers);
        if (steps.Count == 0)
        {
            return requestor;
        }

        if (!steps.Any(s => s.Kind is "User" or "ServiceAccount"))
        {
            var list = string.Join(" ", steps.Select(s => s.GoString()));
            throw new PlainTextFailure(500, $"Internal Server Error: \"{request.Path}{request.QueryString}\": requested [{list}] without impersonating a user");
        }

        var name = "";
        var groups = new List<string>();
        var extra = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var uid = "";
        var groupsGiven = request.Headers[GroupHeader].Count > 0;
        foreach (var step in steps)
        {
            var attributes = new RequestAttributes("impersonate", step.Group, step.Resource, step.Subresource, step.Namespace, step.Name);
            if (!SandboxRbac.Allows(requestor, attributes))
            {
                var qualified = step.Group.Length == 0 ? step.Resource : $"{step.Resource}.{step.Group}";
                throw new StoreException(403, "Forbidden", $"{qualified} \"{step.Name}\" is forbidden: {attributes.DeniedFor(requestor)}",
                    new StatusDetails(step.Name, step.Group.Length == 0 ? null : step.Group, step.Resource));
            }

            switch (step.Kind)
            {
                case "ServiceAccount":
                    name = $"system:serviceaccount:{step.Namespace}:{step.Name}";
                    if (!groupsGiven)
                    {
                        groups.AddRange(["system:serviceaccounts", $"system:serviceaccounts:{step.Namespace}"]);
                    }

                    break;
                case "User":
                    name = step.Name;
                    break;
                case "Group":
                    groups.Add(step.Name);
                    break;
                case "UserExtra":
                    if (!extra.TryGetValue(step.Subresource!, out var values))
                    {
                        values = [];
                        extra[step.Subresource!] = values;
                    }

                    values.Add(step.Name);
                    break;
                default:
                    uid = step.Name;
                    break;
            }
        }

        var anonymous = name == "system:anonymous";
        var implied = anonymous ? "system:unauthenticated" : SandboxRbac.Authenticated;
        if (!groups.Contains(implied) && (anonymous || !groups.Contains("system:unauthenticated")))
        {
            groups.Add(implied);
        }

        return new ApiUser(name, groups, uid, extra.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal));
    }

    private static List<Step> Steps(IHeaderDictionary headers)
    {
        var steps = new List<Step>();
        if (headers[UserHeader].ToString() is { Length: > 0 } user)
        {
            var parts = user.Split(':');
            steps.Add(parts is ["system", "serviceaccount", { Length: > 0 } ns, { Length: > 0 } sa]
                ? new Step("ServiceAccount", "", "serviceaccounts", null, ns, sa)
                : new Step("User", "", "users", null, null, user));
        }

        foreach (var group in headers[GroupHeader])
        {
            steps.Add(new Step("Group", "", "groups", null, null, group ?? ""));
        }

        foreach (var (header, values) in headers.Where(h => h.Key.StartsWith(ExtraPrefix, StringComparison.OrdinalIgnoreCase)).OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var key = Uri.UnescapeDataString(header[ExtraPrefix.Length..].ToLowerInvariant());
            foreach (var value in values)
            {
                steps.Add(new Step("UserExtra", "authentication.k8s.io", "userextras", key, null, value ?? ""));
            }
        }

        if (headers[UidHeader].ToString() is { Length: > 0 } uid)
        {
            steps.Add(new Step("UID", "authentication.k8s.io", "uids", null, null, uid));
        }

        return steps;
    }

    /// <summary>One impersonation request: what is impersonated, and the resource the "impersonate" verb is checked on.</summary>
    private sealed record Step(string Kind, string Group, string Resource, string? Subresource, string? Namespace, string Name)
    {
        /// <summary>Go's %v of the v1.ObjectReference upstream builds (Kind Namespace Name UID APIVersion ResourceVersion FieldPath).</summary>
        public string GoString()
        {
            var apiVersion = Group.Length == 0 ? "" : $"{Group}/v1";
            return $"{{{Kind} {Namespace} {Name}  {apiVersion}  {Subresource}}}";
        }
    }
}

/// <summary>A failure the apiserver answers as plain text rather than as a Status (its InternalError writer).</summary>
internal sealed class PlainTextFailure(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
