namespace Childctl.Sandbox.Controller;

/// <summary>One metav1.Condition as read from an object.</summary>
internal sealed record Condition(
    string Type,
    string Status,
    string Reason,
    string Message,
    DateTimeOffset? LastTransitionTime,
    long? ObservedGeneration)
{
    public bool IsTrue => Status == "True";

    public bool IsFalse => Status == "False";

    public bool IsUnknown => Status == "Unknown";
}
