using System.Net;
using Childctl.Kubernetes;

namespace Childctl.Kubernetes.Tests;

public class ApiErrorsTests
{
    [Fact]
    public void Translate_WhenForbidden_IsPermissionDeniedWithTheServersMessage()
    {
        const string message = "clusterdeployments.k0rdent.mirantis.com is forbidden: User \"viewer\" cannot list resource \"clusterdeployments\" in API group \"k0rdent.mirantis.com\" in the namespace \"kcm-system\"";
        var error = Status(HttpStatusCode.Forbidden, $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{message.Replace("\"", "\\\"", StringComparison.Ordinal)}}","reason":"Forbidden","code":403}""");

        var translated = ApiErrors.Translate(error, ApiTarget.List(TestKinds.ClusterDeployment, "kcm-system"), Cluster(), TimeSpan.FromSeconds(30));

        Assert.Equal(KubernetesErrorKind.PermissionDenied, translated.Kind);
        Assert.Equal($"permission denied (403): {message}", translated.Message);
    }

    [Fact]
    public void Translate_WhenAListIsNotFound_SaysTheTypeIsNotServed()
    {
        var error = Status(HttpStatusCode.NotFound, "404 page not found");

        var translated = ApiErrors.Translate(error, ApiTarget.List(TestKinds.ClusterDeployment, null), Cluster(), TimeSpan.FromSeconds(30));

        Assert.Equal(KubernetesErrorKind.NotFound, translated.Kind);
        Assert.Contains("does not serve clusterdeployments.k0rdent.mirantis.com", translated.Message, StringComparison.Ordinal);
    }

    private static ApiStatusException Status(HttpStatusCode code, string body) => new(code, body, null);

    private static ManagementCluster Cluster()
    {
        var dir = Directory.CreateTempSubdirectory("childctl-errors-");
        try
        {
            var path = Path.Combine(dir.FullName, "kubeconfig");
            File.WriteAllText(path, """
                apiVersion: v1
                kind: Config
                clusters: [{name: mgmt, cluster: {server: "https://10.0.0.4:6443", insecure-skip-tls-verify: true}}]
                contexts: [{name: ctx, context: {cluster: mgmt, user: u}}]
                users: [{name: u, user: {token: t}}]
                current-context: ctx
                """);
            return KubeconfigResolver.Resolve(path, null, null, _ => null);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
