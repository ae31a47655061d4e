using Childctl.Sandbox.Api.Admission;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Admission;

/// <summary>
/// Keeps the CAPI, provider and Flux objects the simulated controller writes read-only for API clients: a create,
/// update, patch or delete of one of them is refused with 403, so what <c>kubectl get machines</c> shows is always
/// the simulation's. The sandbox's own webhook (a real management cluster lets an admin edit them, and Cluster API
/// would then act on the edit, which the simulation does not).
/// </summary>
internal sealed class SimulatedObjectsWebhook : IAdmissionWebhook
{
    public string Name => "simulated-objects.sandbox.childctl.dev";

    public bool Handles(ResourceType type, string operation) => CapiKinds.IsCapiKind(type);

    public AdmissionVerdict Validate(AdmissionRequest request)
    {
        var resource = StoreErrors.Resource(request.Definition.Type);
        return AdmissionVerdict.Forbidden(
            $"{resource} are written by the sandbox's simulated Cluster API and cannot be changed through the API; change the ClusterDeployment instead");
    }
}
