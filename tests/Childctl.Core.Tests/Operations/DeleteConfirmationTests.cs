using Childctl.Core.Operations.Delete;

namespace Childctl.Core.Tests.Operations;

public class DeleteConfirmationTests
{
    [Theory]
    [InlineData(3, false, true, true, DeleteDecision.StopAfterPlan)]
    [InlineData(0, true, false, true, DeleteDecision.StopAfterPlan)]
    [InlineData(3, true, false, false, DeleteDecision.Proceed)]
    [InlineData(3, false, false, true, DeleteDecision.Prompt)]
    [InlineData(3, false, false, false, DeleteDecision.Refuse)]
    public void Decide_FollowsDryRunYesAndTerminal(int count, bool yes, bool dryRun, bool canPrompt, DeleteDecision expected) =>
        Assert.Equal(expected, DeleteConfirmation.Decide(count, yes, dryRun, canPrompt));

    [Theory]
    [InlineData("yes", 1, true)]
    [InlineData(" Y ", 1, true)]
    [InlineData("no", 1, false)]
    [InlineData("12", 12, true)]
    [InlineData("yes", 12, false)]
    [InlineData("11", 12, false)]
    [InlineData(null, 2, false)]
    public void IsConfirmed_NeedsTheCountForMoreThanOne(string? answer, int count, bool expected) =>
        Assert.Equal(expected, DeleteConfirmation.IsConfirmed(answer, count));
}
