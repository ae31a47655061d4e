using System.Text;
using Childctl.Kubernetes.Transport;

namespace Childctl.Kubernetes.Tests.Transport;

/// <summary>
/// The aliases that carry a header's second and later values past .NET's HTTP client (which would join them into one
/// comma-separated line) and their restoring in the bytes sent: each value on its own line under the real name, and
/// nothing else touched. End to end (stub and sandbox, beside kubectl) in <see cref="RequestHeaderTests"/>.
/// </summary>
public sealed class RepeatedHeadersTests
{
    [Fact]
    public void Unalias_WhenAHeadCarriesAliases_WritesEachValueOnItsOwnLineUnderTheRealNameAndLeavesTheBodyAlone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://example.test/");
        RepeatedHeaders.Add(request.Headers, "Impersonate-Group", ["viewers", "a, b", "", "auditors"]);
        var head = "POST / HTTP/1.1\r\n" + string.Concat(request.Headers.Select(h => $"{h.Key}: {string.Join(", ", h.Value)}\r\n")) + "\r\n";
        var bytes = Encoding.ASCII.GetBytes(head + """{"kind":"X-Childctl-"}""");

        var sent = Encoding.ASCII.GetString(RepeatedHeaders.Unalias(bytes).Span);

        Assert.Equal(3, request.Headers.Count());
        Assert.Equal("POST / HTTP/1.1\r\nImpersonate-Group: viewers\r\nImpersonate-Group: a, b\r\nImpersonate-Group: auditors\r\n\r\n{\"kind\":\"X-Childctl-\"}", sent);
    }

    [Fact]
    public void Unalias_WhenNothingIsAliased_ReturnsTheSameBytes()
    {
        var bytes = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nImpersonate-Group: viewers\r\n\r\n");

        Assert.True(RepeatedHeaders.Unalias(bytes).Span == bytes.AsSpan());
    }
}
