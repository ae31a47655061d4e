using Childctl.History.Codec;
using Childctl.History.Store;

namespace Childctl.History.Tests.Codec;

public sealed class YamlScalarsTests
{
    [Theory]
    [InlineData("plain-word")]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("123")]
    [InlineData("1.0")]
    [InlineData("0x1F")]
    [InlineData("2025-07-11")]
    [InlineData(" leading and trailing ")]
    [InlineData("key: value")]
    [InlineData("# not a comment")]
    [InlineData("- not a list")]
    [InlineData("{not: a map}")]
    [InlineData("[not, a, list]")]
    [InlineData("tab\there")]
    [InlineData("multi\nline\r\nwith CR")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("'single'")]
    [InlineData("unicode: café ✓ 日本 \u2028 \u0085")]
    [InlineData("control \u0001\u001f\u007f")]
    [InlineData("&anchor *alias !tag %directive @at `tick`")]
    [InlineData("source: childctl")]
    public void AnyText_RoundTripsThroughAnEventBlock_OnOneLinePerField(string text)
    {
        var e = Events.Note("e1", text) with { Reason = text, Parameters = new Dictionary<string, string> { [text.Length == 0 ? "empty" : text] = text } };
        var block = EventBlockWriter.Block(e);
        var file = EventBlockWriter.Header(new HistoryHeader { ClusterName = "c1", Namespace = "ns" }) + block;

        var read = HistoryFileParser.Parse("mem", file).Events.Single();

        Assert.Equal(text, read.Message);
        Assert.Equal(text, read.Reason);
        Assert.Equal(text, read.Parameters!.Values.Single());
        Assert.Equal(8, block.Count(c => c == '\n'));
        Assert.EndsWith("    source: childctl\n", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_WithLegacyKeys_RoundTrips()
    {
        var header = new HistoryHeader { ClusterName = "c1", Namespace = "ns", CreatedAt = "2025-07-11T14:02:11Z", LastUpdated = "2025-07-11T14:02:13Z" };

        var read = HistoryFileParser.Parse("mem", EventBlockWriter.Header(header));

        Assert.Equal(header, read.Header);
        Assert.Empty(read.Events);
    }

    [Fact]
    public void AppendResult_IsAValueForTheSameVersionAndPosition() =>
        Assert.Equal(new AppendResult(1, 2, true), new AppendResult(1, 2, true));
}
