namespace Childctl.Core.ClusterDeployments;

/// <summary>Whether the child's <c>&lt;name&gt;-kubeconfig</c> Secret (key <c>value</c>) can be read yet (REFERENCE.md §7).</summary>
public enum KubeconfigAvailability
{
    /// <summary>The Secret exists and has a non-empty <c>value</c>.</summary>
    Available,

    /// <summary>No Secret yet: it appears once the control plane has an endpoint.</summary>
    NotYetAvailable,

    /// <summary>The Secret exists but has no <c>value</c> key.</summary>
    MissingValue,
}
