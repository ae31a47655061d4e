using System.Text;
using Childctl.Kubernetes;

namespace Childctl.Kubernetes.Tests;

public class ContinueTokenTests
{
    private const string Page = """{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":"12","continue":"abc=="},"items":[{"a":1}]}""";

    [Fact]
    public void TryFind_WhenTheTokenPrecedesTheItems_ReadsItBeforeTheyArrive()
    {
        var head = Page[..Page.IndexOf("\"items\"", StringComparison.Ordinal)];

        Assert.True(ContinueToken.TryFind(Encoding.UTF8.GetBytes(head), out var token));
        Assert.Equal("abc==", token);
    }

    [Fact]
    public void TryFind_WhenItIsTheLastPage_KnowsThereIsNoToken()
    {
        Assert.True(ContinueToken.TryFind("""{"kind":"List","metadata":{"resourceVersion":"12"},"items":[]"""u8, out var token));
        Assert.Null(token);
    }

    [Theory]
    [InlineData("""{"kind":"List","metada""")]
    [InlineData("""{"kind":"List","metadata":{"resourceVersion":"12","contin""")]
    [InlineData("""{"kind":"List","items":[],"metadata":{"continue":"x"}}""")]
    public void TryFind_WhenTheTokenIsNotYetThere_NeedsMoreBytesOrTheFullParse(string head)
    {
        Assert.False(ContinueToken.TryFind(Encoding.UTF8.GetBytes(head), out _));
    }
}
