namespace Childctl.Sandbox.Api.Admission;

/// <summary>
/// The part of the apiserver's NamespaceLifecycle admission plugin the store does not already do: the namespaces
/// the cluster needs (default, kube-system, kube-public) cannot be deleted. Creating content in a missing or
/// terminating namespace is refused by the store itself, so in-process writers get the same answer.
/// </summary>
internal static class NamespaceLifecycle
{
    private static readonly HashSet<string> Immortal = new(StringComparer.Ordinal) { "default", "kube-system", "kube-public" };

    public static void Admit(AdmissionRequest request)
    {
        if (request.Operation == AdmissionRequest.Delete && request.Definition.Type == Storage.ResourceType.Namespace && Immortal.Contains(request.Name))
        {
            throw new Storage.StoreException(403, "Forbidden", $"namespaces \"{request.Name}\" is forbidden: this namespace may not be deleted",
                new Storage.StatusDetails(request.Name, null, "namespaces"));
        }
    }
}
