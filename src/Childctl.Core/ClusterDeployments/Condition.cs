namespace Childctl.Core.ClusterDeployments;

/// <summary>One <c>metav1.Condition</c> as k0rdent writes it on a ClusterDeployment or Credential.</summary>
public sealed record Condition(
    string Type,
    string Status,
    string Reason,
    string Message,
    DateTimeOffset? LastTransitionTime,
    long? ObservedGeneration)
{
    public bool IsTrue => Status == "True";

    public bool IsFalse => Status == "False";

    public bool IsUnknown => !IsTrue && !IsFalse;
}
