using Childctl.Sandbox.Controller;
using Microsoft.Extensions.Time.Testing;

namespace Childctl.Sandbox.Tests.Controller;

public class ReadyRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 2, 12, 0, 0, TimeSpan.Zero);

    private static Condition C(string type, string status, string message = "", DateTimeOffset? since = null, string reason = "") =>
        new(type, status, reason, message, since ?? Now, 1);

    private static ReadyResult Compute(double speed, bool failFast, params Condition[] conditions) =>
        ReadyRule.Compute(conditions, new SimClock(new FakeTimeProvider(Now), speed), failFast);

    [Fact]
    public void AllTrue_IsReady()
    {
        var r = Compute(1, false, C("TemplateReady", "True"), C("CAPIClusterSummary", "True"));

        Assert.Equal(("True", "Succeeded", "Object is ready"), (r.Status, r.Reason, r.Message));
    }

    [Fact]
    public void Errors_BeatWarnings_AndJoinWithDotSpace()
    {
        var r = Compute(1, false, C("TemplateReady", "False", "bad template"), C("CAPIClusterSummary", "False", "* X: y"), C("HelmChartReady", "False", "bad chart"));

        Assert.Equal(("False", "Failed", "bad template. bad chart"), (r.Status, r.Reason, r.Message));
    }

    [Fact]
    public void CapiFalse_IsAWarning_ForThirtyMinutes_WithARecheckThen()
    {
        var r = Compute(1, false, C("CAPIClusterSummary", "False", "* X: y", Now - TimeSpan.FromMinutes(29)), C("ServicesInReadyState", "False", "0/2"));

        Assert.Equal(("False", "Progressing", "* X: y. 0/2 Services are ready."), (r.Status, r.Reason, r.Message));
        Assert.Equal(Now + TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1), r.RecheckAt);
    }

    [Fact]
    public void CapiFalse_ForMoreThanThirtyMinutes_IsAnError_WithTheProviderLogsPrefix()
    {
        var r = Compute(1, false, C("CAPIClusterSummary", "False", "* X: y", Now - TimeSpan.FromMinutes(31)));

        Assert.Equal(("False", "Failed", "Cluster is not ready. Check the provider logs for more details.\n* X: y"), (r.Status, r.Reason, r.Message));
    }

    [Fact]
    public void ThirtyMinutes_AreSimulatedMinutes()
    {
        var r = Compute(100, false, C("CAPIClusterSummary", "False", "* X: y", Now - TimeSpan.FromSeconds(19)));

        Assert.Equal("Failed", r.Reason);
    }

    [Fact]
    public void FailFast_MakesCapiFalseAnErrorAtOnce()
    {
        var r = Compute(1, true, C("CAPIClusterSummary", "False", "* X: y"));

        Assert.Equal("Failed", r.Reason);
    }

    [Fact]
    public void Unknowns_GiveUnknownProgressing_WithEmptyMessagesJoined()
    {
        var r = Compute(1, false, C("CredentialReady", "Unknown"), C("HelmReleaseReady", "Unknown"), C("TemplateReady", "True"));

        Assert.Equal(("Unknown", "Progressing", ". "), (r.Status, r.Reason, r.Message));
    }

    [Fact]
    public void DeletingTrue_WinsOverEverything()
    {
        var r = Compute(1, false, C("TemplateReady", "False", "x"), C("Deleting", "True", "* Deleting: y"));

        Assert.Equal(("False", "Deleting", "* Deleting: y"), (r.Status, r.Reason, r.Message));
    }

    [Fact]
    public void PausedTrue_IsAnError_PausedFalseIsNot()
    {
        Assert.Equal("Failed", Compute(1, false, C("Paused", "True", "Related Region r is paused", reason: "Paused")).Reason);
        Assert.Equal("Succeeded", Compute(1, false, C("Paused", "False", reason: "NotPaused")).Reason);
    }
}
