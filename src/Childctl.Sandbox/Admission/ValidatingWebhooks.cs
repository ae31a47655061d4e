using Childctl.Sandbox.Api.Admission;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Admission;

/// <summary>
/// The validating admission webhooks of the simulated management cluster. The API calls them right after its own
/// admission (<see cref="AdmissionChain"/>), as kube-apiserver runs its ValidatingAdmissionWebhook plugin after the
/// built-in ones: for every create, update, patch, apply and delete, dry runs included, after schema validation and
/// before the store commits. The simulated k0rdent world registers its webhooks when its controller runs; with the
/// controller off there are none. A denial is thrown as the Status the apiserver makes of a webhook's answer,
/// <c>admission webhook "NAME" denied the request: ...</c> with the webhook's code and reason; warnings go to the
/// API, which sends them as Warning headers. In-process writers (the simulated controllers) are not admitted.
/// </summary>
internal sealed class ValidatingWebhooks
{
    private readonly Lock _gate = new();
    private volatile IAdmissionWebhook[] _webhooks = [];

    public void Register(IAdmissionWebhook webhook)
    {
        lock (_gate)
        {
            _webhooks = [.. _webhooks, webhook];
        }
    }

    /// <summary>Runs the webhooks that want this request; <paramref name="warn"/> gets each warning before any denial is thrown.</summary>
    public void Review(AdmissionRequest request, Action<string> warn)
    {
        if (request.Subresource is not null)
        {
            return; // every webhook here is registered for the main resource only, as k0rdent's are
        }

        foreach (var webhook in _webhooks)
        {
            if (!webhook.Handles(request.Definition.Type, request.Operation))
            {
                continue;
            }

            var verdict = webhook.Validate(request);
            foreach (var warning in verdict.Warnings)
            {
                warn(warning);
            }

            if (verdict.Denial is { } denial)
            {
                throw new StoreException(denial.Code, denial.Reason, $"admission webhook \"{webhook.Name}\" denied the request: {denial.Message}", denial.Details);
            }
        }
    }
}

/// <summary>A validating webhook: the name the apiserver quotes in denials, which requests it wants (CREATE, UPDATE, DELETE), and its check.</summary>
internal interface IAdmissionWebhook
{
    string Name { get; }

    bool Handles(ResourceType type, string operation);

    AdmissionVerdict Validate(AdmissionRequest request);
}

/// <summary>
/// A webhook's answer: allowed, or denied with the Status a controller-runtime webhook returns (403 Forbidden for a
/// plain error, or the Kubernetes error it wraps, such as a NotFound), plus warnings in either case.
/// </summary>
internal sealed record AdmissionVerdict(AdmissionDenial? Denial, IReadOnlyList<string> Warnings)
{
    public static readonly AdmissionVerdict Allowed = new(null, []);

    public static AdmissionVerdict Forbidden(string message, params string[] warnings) =>
        new(new AdmissionDenial(403, "Forbidden", message, null), warnings);

    public static AdmissionVerdict NotFound(ResourceType type, string name) =>
        new(new AdmissionDenial(404, "NotFound", $"{type.Kind}.{type.Group} \"{name}\" not found", new StatusDetails(name, type.Group, type.Kind)), []);
}

internal sealed record AdmissionDenial(int Code, string Reason, string Message, StatusDetails? Details);
