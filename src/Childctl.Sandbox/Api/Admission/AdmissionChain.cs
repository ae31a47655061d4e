using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Admission;

/// <summary>
/// The one place where every API write (create, replace, patch, apply, delete, of objects and status) is admitted,
/// after schema and core validation and before the store commits it: each step throws a <see cref="StoreException"/>
/// (the Status to answer with) to refuse. Runs under the store's lock for updates, so a step must be quick and must
/// not write to the store. In-process writers (the simulated controller) bypass it, as controllers bypass webhooks
/// that exempt them.
/// </summary>
internal static class AdmissionChain
{
    public static void Admit(AdmissionRequest request)
    {
        NamespaceLifecycle.Admit(request);
    }
}
