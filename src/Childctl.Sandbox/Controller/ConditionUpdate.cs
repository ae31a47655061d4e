namespace Childctl.Sandbox.Controller;

/// <summary>A condition value to set in this reconcile.</summary>
internal sealed record ConditionUpdate(string Type, string Status, string Reason, string Message)
{
    public static ConditionUpdate True(string type, string reason = Reasons.Succeeded, string message = "") => new(type, "True", reason, message);

    public static ConditionUpdate False(string type, string message, string reason = Reasons.Failed) => new(type, "False", reason, message);

    public static ConditionUpdate Unknown(string type, string message = "", string reason = Reasons.Progressing) => new(type, "Unknown", reason, message);
}
