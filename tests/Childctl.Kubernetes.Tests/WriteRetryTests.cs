using System.Net;
using System.Net.Sockets;
using Childctl.Kubernetes;

namespace Childctl.Kubernetes.Tests;

public class WriteRetryTests
{
    [Theory]
    [InlineData(429, WriteSafety.Once, true)]
    [InlineData(429, WriteSafety.Repeatable, true)]
    [InlineData(503, WriteSafety.Once, false)]
    [InlineData(503, WriteSafety.Repeatable, true)]
    [InlineData(500, WriteSafety.Repeatable, true)]
    [InlineData(409, WriteSafety.Repeatable, false)]
    [InlineData(403, WriteSafety.Repeatable, false)]
    public void ShouldRetry_WhenTheServerAnswersAnError_RetriesThrottlingAlwaysAndServerErrorsOnlyWhenRepeatable(int status, WriteSafety safety, bool expected)
    {
        Assert.Equal(expected, WriteRetry.ShouldRetry(new ApiStatusException((HttpStatusCode)status, "{}", null), safety));
    }

    [Fact]
    public void ShouldRetry_WhenTheConnectionIsReset_RetriesOnlyARepeatableWrite()
    {
        var reset = new HttpRequestException("reset", new IOException("x", new SocketException((int)SocketError.ConnectionReset)));

        Assert.True(WriteRetry.ShouldRetry(reset, WriteSafety.Repeatable));
        Assert.False(WriteRetry.ShouldRetry(reset, WriteSafety.Once));
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(500, true)]
    [InlineData(429, false)]
    [InlineData(409, false)]
    [InlineData(422, false)]
    public void MayHaveApplied_WhenTheServerAnswers_IsTrueOnlyForServerErrors(int status, bool expected)
    {
        Assert.Equal(expected, ApiErrors.MayHaveApplied(new ApiStatusException((HttpStatusCode)status, "{}", null)));
    }

    [Fact]
    public void MayHaveApplied_WhenTheConnectionWasRefusedOrTheAnswerCut_TellsThemApart()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));
        var cut = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        Assert.False(ApiErrors.MayHaveApplied(refused));
        Assert.True(ApiErrors.MayHaveApplied(cut));
        Assert.True(ApiErrors.MayHaveApplied(new OperationCanceledException("timed out")));
    }

    [Fact]
    public void Describe_WhenARetryIsDue_SaysWhatWhyWhichAttemptAndWhen()
    {
        var line = WriteRetry.Describe("delete ClusterDeployment \"a\" in namespace \"kcm-system\"",
            new ApiStatusException(HttpStatusCode.ServiceUnavailable, "{}", null), 2, 5, TimeSpan.FromMilliseconds(400));

        Assert.Equal("retrying delete ClusterDeployment \"a\" in namespace \"kcm-system\" after 503 ServiceUnavailable: attempt 2 of 5 in 0.4s", line);
    }
}
