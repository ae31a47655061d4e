using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Tests.ClusterDeployments;

public class ConditionMessagesTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("Helm install succeeded", "Helm install succeeded")]
    [InlineData("* ControlPlaneInitialized: Control plane not yet initialized\n* RemoteConnectionProbe: x", "ControlPlaneInitialized: Control plane not yet initialized")]
    [InlineData("* WorkersAvailable:\n  * MachineDeployment md: 0 available replicas", "WorkersAvailable: MachineDeployment md: 0 available replicas")]
    [InlineData("failed to validate: values don't meet the schema(s):\nchart:\n- at '/a': minimum: got 4, want 8\n", "failed to validate: at '/a': minimum: got 4, want 8")]
    [InlineData("first line:\nsecond line", "first line")]
    public void Summarize_WhenTheMessageHasBulletsOrLines_PicksTheMostTellingLine(string message, string expected)
    {
        Assert.Equal(expected, ConditionMessages.Summarize(message));
    }
}
