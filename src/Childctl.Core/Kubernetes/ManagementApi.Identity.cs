using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Core.Errors;
using Childctl.Core.Json;

namespace Childctl.Core.Kubernetes;

/// <summary>Who the API server says the caller is, for the <c>k8s_user</c> of history events.</summary>
public sealed partial class ManagementApi
{
    private static readonly ResourceKind SelfSubjectReview = new("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview");

    /// <summary>
    /// The username from a SelfSubjectReview (what <c>kubectl auth whoami</c> shows), or null when the server does not
    /// answer it (older servers, RBAC): it only enriches history, so it never fails a command.
    /// </summary>
    public async Task<string?> WhoAmIAsync(CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview" };
        try
        {
            var review = await WriteAsync(new ApiTarget("create", SelfSubjectReview, null, null),
                ct => _transport.SendAsync(HttpMethod.Post, "apis/authentication.k8s.io/v1/selfsubjectreviews", body.ToJsonString(), JsonContent, ct),
                cancellationToken);
            return JsonPath.Find(review, "status", "userInfo", "username") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null;
        }
        catch (ChildctlException e) when (e.Kind is not ErrorKind.Unreachable)
        {
            return null;
        }
    }
}
