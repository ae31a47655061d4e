namespace Childctl.Core.Operations.Wait;

/// <summary>What <c>childctl wait</c> waits for.</summary>
public enum WaitGoal
{
    Ready,
    Deleted,
}
