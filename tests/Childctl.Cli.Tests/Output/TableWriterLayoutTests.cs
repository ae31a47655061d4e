using Childctl.Cli.Output;

namespace Childctl.Cli.Tests.Output;

public sealed class TableWriterLayoutTests
{
    private static TableWriter Table()
    {
        var table = new TableWriter("NAME", "PHASE", "MESSAGE");
        table.AddRow("cluster-one", "Failed", "InfrastructureReady: googleapi: Error 403: Quota 'NETWORKS' exceeded.  Limit: 5.0 globally., quotaExceeded");
        table.AddRow("two", "Ready", "Object is ready");
        return table;
    }

    [Fact]
    public void Render_WhenNotOnATerminal_NeverCuts()
    {
        var text = Table().Render(new TableLayout(Color: false, Width: null));

        Assert.Contains("quotaExceeded", text, StringComparison.Ordinal);
        Assert.DoesNotContain("…", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    [InlineData(60)]
    public void Render_WhenNarrowerThanTheTable_CutsMessageToTheWidth(int width)
    {
        var lines = Table().Render(new TableLayout(false, width)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        Assert.EndsWith("…", lines[1], StringComparison.Ordinal);
        Assert.Equal("two           Ready    Object is ready", lines[2]);
    }

    [Fact]
    public void Render_WhenEvenTheShortColumnsDoNotFit_KeepsMessageAtTwentyAndNamesWhole()
    {
        var lines = Table().Render(new TableLayout(false, 30)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("cluster-one   Failed   InfrastructureReady…", lines[1]);
    }

    [Fact]
    public void Render_WhenNoHeadersAndExtraColumns_LeavesOutTheHeaderAndAppendsTheColumns()
    {
        var layout = new TableLayout(false) { NoHeaders = true, ExtraColumns = [("ENV", ["prod", "dev"])] };

        var text = Table().Render(layout);

        Assert.StartsWith("cluster-one", text, StringComparison.Ordinal);
        Assert.Matches("Object is ready +dev\n$", text);
    }
}
