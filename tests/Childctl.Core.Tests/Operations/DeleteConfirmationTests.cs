using Childctl.Core.Operations.Delete;

namespace Childctl.Core.Tests.Operations;

public class DeleteConfirmationTests
{
    [Theory]
    [InlineData("yes", 1, true)]
    [InlineData(" yes \n", 1, true)]
    [InlineData("no", 1, false)]
    [InlineData("12", 12, true)]
    [InlineData("yes", 12, false)]
    [InlineData("11", 12, false)]
    [InlineData(null, 2, false)]
    public void IsConfirmed_WhenMoreThanOneClusterGoes_NeedsTheCount(string? answer, int count, bool expected) =>
        Assert.Equal(expected, DeleteClustersService.IsConfirmed(answer, count));

    [Theory]
    [InlineData("y")]
    [InlineData(" Y ")]
    [InlineData("YES")]
    [InlineData("Yes")]
    [InlineData("yes please")]
    [InlineData("1")]
    public void IsConfirmed_WhenTheAnswerIsNotExactlyWhatThePromptAsks_IsRefused(string answer)
    {
        Assert.Contains("Type 'yes' to confirm", DeleteClustersService.Question(1), StringComparison.Ordinal);

        Assert.False(DeleteClustersService.IsConfirmed(answer, 1));
    }
}
