namespace Childctl.Sandbox.Controller;

/// <summary>A Kubernetes Event the controller is about to record on a ClusterDeployment.</summary>
internal sealed record EventSpec(string Type, string Reason, string Message)
{
    public static EventSpec Normal(string reason, string message) => new("Normal", reason, message);

    public static EventSpec Warning(string reason, string message) => new("Warning", reason, message);
}
