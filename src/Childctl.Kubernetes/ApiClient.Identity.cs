using System.Text.Json;
using System.Text.Json.Nodes;

namespace Childctl.Kubernetes;

/// <summary>Who the API server says the caller is, for the <c>k8s_user</c> of history events.</summary>
public sealed partial class ApiClient
{
    /// <summary>
    /// The username from a SelfSubjectReview (what <c>kubectl auth whoami</c> shows), or null when the server does not
    /// answer it (older servers, RBAC): it only enriches history, so it never fails a command.
    /// </summary>
    public async Task<string?> WhoAmIAsync(CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "SelfSubjectReview" };
        try
        {
            var review = await WriteAsync(new ApiTarget("create", ResourceKind.SelfSubjectReview, null, null),
                ct => _transport.SendAsync(HttpMethod.Post, "apis/authentication.k8s.io/v1/selfsubjectreviews", body.ToJsonString(), JsonContent, ct),
                cancellationToken);
            return JsonPath.Find(review, "status", "userInfo", "username") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null;
        }
        catch (KubernetesException e) when (e.Kind is not KubernetesErrorKind.Unreachable)
        {
            return null;
        }
    }
}
