using Childctl.Core.Operations.Delete;

namespace Childctl.Core.Tests.Operations;

public class DeleteConfirmationTests
{
    [Theory]
    [InlineData("yes", 1, true)]
    [InlineData(" Y ", 1, true)]
    [InlineData("no", 1, false)]
    [InlineData("12", 12, true)]
    [InlineData("yes", 12, false)]
    [InlineData("11", 12, false)]
    [InlineData(null, 2, false)]
    public void IsConfirmed_WhenMoreThanOneClusterGoes_NeedsTheCount(string? answer, int count, bool expected) =>
        Assert.Equal(expected, DeleteClustersService.IsConfirmed(answer, count));
}
