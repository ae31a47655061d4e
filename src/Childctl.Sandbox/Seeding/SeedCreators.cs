namespace Childctl.Sandbox.Seeding;

/// <summary>
/// Who created a pre-seeded cluster, as its managedFields say: on a real management cluster ClusterDeployments come
/// from people with kubectl and from GitOps controllers, never from k0rdent's own controller (which writes only
/// finalizers, labels and status). Picked from the name, so the random sequence behind the rest of the seed is untouched.
/// </summary>
internal static class SeedCreators
{
    private static readonly string[] Managers =
    [
        "kubectl-client-side-apply", "kubectl-create", "kustomize-controller", "argocd-controller", "helm",
    ];

    public static string For(string name)
    {
        var hash = 17;
        foreach (var c in name)
        {
            hash = unchecked((hash * 31) + c);
        }

        return Managers[(hash & int.MaxValue) % Managers.Length];
    }
}
