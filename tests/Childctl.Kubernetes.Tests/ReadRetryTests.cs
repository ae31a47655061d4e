using System.Net;
using System.Net.Sockets;
using Childctl.Kubernetes;

namespace Childctl.Kubernetes.Tests;

public class ReadRetryTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(404, false)]
    [InlineData(403, false)]
    [InlineData(409, false)]
    public void IsTransient_WhenTheServerAnswersAnError_RetriesOnlyThrottlingAndServerErrors(int status, bool expected)
    {
        Assert.Equal(expected, ReadRetry.IsTransient(Status(status)));
    }

    [Fact]
    public void IsTransient_WhenTheConnectionIsResetOrRefused_RetriesOnlyTheReset()
    {
        var reset = new HttpRequestException("reset", new IOException("x", new SocketException((int)SocketError.ConnectionReset)));
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(ReadRetry.IsTransient(reset));
        Assert.False(ReadRetry.IsTransient(refused));
    }

    [Theory]
    [InlineData("3", 3)]
    [InlineData("120", 10)]
    [InlineData("Wed, 02 Sep 2026 12:00:04 GMT", 4)]
    public void RetryAfter_WhenTheServerSaysHowLong_HonoursItUpToTheCap(string header, int seconds)
    {
        var error = Status(429, header);

        Assert.Equal(TimeSpan.FromSeconds(seconds), ReadRetry.RetryAfter(error, TimeSpan.FromSeconds(10), Now));
    }

    [Fact]
    public void RetryAfter_WhenAbsent_LeavesItToTheBackoff()
    {
        Assert.Null(ReadRetry.RetryAfter(Status(503), TimeSpan.FromSeconds(10), Now));
    }

    private static ApiStatusException Status(int code, string? retryAfter = null) => new((HttpStatusCode)code, "{}", retryAfter);
}
