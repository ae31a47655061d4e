using Childctl.Core.ClusterDeployments;
using k8s;
using k8s.Models;

namespace Childctl.Core.Kubernetes;

/// <summary>Core-group reads: the kubeconfig Secret and Events.</summary>
public sealed partial class ManagementApi
{
    /// <summary>
    /// Reads the Secret <c>&lt;name&gt;-kubeconfig</c> to learn whether the child's kubeconfig is there. The content is
    /// looked at only for presence and never leaves this method.
    /// </summary>
    public async Task<KubeconfigAvailability> GetKubeconfigAvailabilityAsync(string ns, string clusterName, CancellationToken cancellationToken)
    {
        var name = $"{clusterName}-kubeconfig";
        var target = ApiTarget.Get(ResourceKind.Secret, ns, name);
        try
        {
            return await ReadAsync(target, async ct =>
            {
                using var response = await _client.CoreV1.ReadNamespacedSecretWithHttpMessagesAsync(name, ns, cancellationToken: ct);
                return response.Body.Data is { } data && data.TryGetValue("value", out var value) && value.Length > 0
                    ? KubeconfigAvailability.Available
                    : KubeconfigAvailability.MissingValue;
            }, cancellationToken);
        }
        catch (Errors.ChildctlException e) when (e.Kind == Errors.ErrorKind.NotFound)
        {
            return KubeconfigAvailability.NotYetAvailable;
        }
    }

    /// <summary>
    /// The Events about one object, oldest first. The server selects by <c>involvedObject</c> kind and name, so the
    /// call needs no prior read of the object; callers keep those whose <see cref="ClusterEvent.InvolvedUid"/> is the
    /// incarnation they read (a recreated cluster has the same name and a new uid).
    /// </summary>
    public Task<IReadOnlyList<ClusterEvent>> ListEventsAsync(string ns, string kind, string name, CancellationToken cancellationToken)
    {
        var target = ApiTarget.List(ResourceKind.Event, ns);
        return ReadAsync<IReadOnlyList<ClusterEvent>>(target, async ct =>
        {
            using var response = await _client.CoreV1.ListNamespacedEventWithHttpMessagesAsync(
                ns, fieldSelector: $"involvedObject.kind={kind},involvedObject.name={name}", cancellationToken: ct);
            return response.Body.Items
                .Where(e => e.InvolvedObject?.Name == name && e.InvolvedObject?.Kind == kind)
                .Select(ToClusterEvent)
                .OrderBy(e => e.LastSeen ?? DateTimeOffset.MinValue)
                .ToList();
        }, cancellationToken);
    }

    private static ClusterEvent ToClusterEvent(Corev1Event e)
    {
        var last = e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp;
        return new ClusterEvent(
            e.Type ?? "Normal",
            e.Reason ?? string.Empty,
            e.Message ?? string.Empty,
            e.Count ?? 1,
            last is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null,
            e.Source?.Component ?? e.ReportingComponent ?? string.Empty,
            e.InvolvedObject?.Uid ?? string.Empty);
    }
}
