using System.Text.Json.Nodes;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Admission;

/// <summary>
/// The validating admission webhooks of the simulated management cluster, called by the API for every create,
/// update, patch, apply and delete of a main resource (not of <c>/status</c>), dry runs included, after schema
/// validation and before the write, as kube-apiserver calls registered webhooks. The simulated k0rdent world
/// registers its webhooks when its controller runs; with the controller off there are none. A denial is thrown as
/// the Status the apiserver makes from a webhook's answer: <c>admission webhook "NAME" denied the request: ...</c>
/// with the webhook's code and reason. Warnings are handed to the API, which sends them as Warning headers.
/// Writes of the simulated controllers go to the store directly and are not admitted, as if they were exempt.
/// </summary>
internal sealed class AdmissionChain
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

    /// <summary>Runs the webhooks that want this request; throws the first denial.</summary>
    /// <param name="old">The stored object of an update or delete; null for a create.</param>
    /// <param name="obj">The object as it is about to be stored; null for a delete.</param>
    /// <param name="warn">Receives each warning a webhook returns, before any denial is thrown.</param>
    public void Review(ResourceType type, string? subresource, JsonObject? old, JsonObject? obj, Action<string> warn)
    {
        if (subresource is not null || (old is null && obj is null))
        {
            return; // every webhook here is registered for the main resource only, as k0rdent's are; nothing to delete
        }

        var operation = (old, obj) switch
        {
            (null, _) => AdmissionOperation.Create,
            (_, null) => AdmissionOperation.Delete,
            _ => AdmissionOperation.Update,
        };
        var request = new AdmissionRequest(operation, type, old, obj);
        foreach (var webhook in _webhooks)
        {
            if (!webhook.Handles(type, operation))
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

internal enum AdmissionOperation
{
    Create,
    Update,
    Delete,
}

/// <summary>What a webhook is asked about: the operation, the kind, and the objects before and after.</summary>
internal sealed record AdmissionRequest(AdmissionOperation Operation, ResourceType Type, JsonObject? Old, JsonObject? Object)
{
    public JsonObject New => Object ?? throw new InvalidOperationException("a delete has no new object");
}

/// <summary>A validating webhook: the name the apiserver quotes in denials, which requests it wants, and its check.</summary>
internal interface IAdmissionWebhook
{
    string Name { get; }

    bool Handles(ResourceType type, AdmissionOperation operation);

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
