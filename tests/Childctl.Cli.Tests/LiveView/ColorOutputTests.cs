using Childctl.Cli.Tests.Output;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>Colour on a terminal, and only there: the coloured tables are the golden tables plus SGR codes around cells.</summary>
public class ColorOutputTests(LiveViewSandbox world) : IClassFixture<LiveViewSandbox>
{
    [Theory]
    [InlineData("list", "list.txt")]
    [InlineData("list -o wide", "list-wide.txt")]
    [InlineData("list -A", "list-all-namespaces.txt")]
    [InlineData("templates", "templates.txt")]
    [InlineData("credentials", "credentials.txt")]
    public async Task Tables_WhenOnATerminal_AreColouredAndAlignedAsThePlainGolden(string args, string golden)
    {
        var result = await world.RunAsync(terminal: true, noColorVariable: null, args.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.True(AnsiText.HasColor(result.Stdout), result.Stdout);
        Golden.Check(golden, Golden.MaskUids(AnsiText.Strip(result.Stdout)));
    }

    [Fact]
    public async Task List_WhenOnATerminal_ColoursPhaseAndReadyByPhase()
    {
        var stdout = (await world.RunAsync(terminal: true, noColorVariable: null, "list")).Stdout;

        Assert.Matches(@"aws-uswest2-prod    \e\[32mReady\e\[0m          \e\[32mTrue\e\[0m ", stdout);
        Assert.Matches(@"aws-uswest2-test    \e\[31mFailed\e\[0m         \e\[31mFalse\e\[0m ", stdout);
        Assert.Contains("\e[33mProvisioning\e[0m", stdout, StringComparison.Ordinal);
        Assert.Contains("\e[2mDeleting\e[0m", stdout, StringComparison.Ordinal);
        Assert.Contains("\e[36mDryRun\e[0m", stdout, StringComparison.Ordinal);
        Assert.Contains("\e[", stdout.Split('\n')[1], StringComparison.Ordinal);
        Assert.False(AnsiText.HasColor(stdout.Split('\n')[0]), "headers stay plain");
    }

    [Fact]
    public async Task Catalog_WhenOnATerminal_ColoursOnlyWhatIsNotValidOrReady()
    {
        var templates = (await world.RunAsync(terminal: true, noColorVariable: null, "templates")).Stdout;
        var credentials = (await world.RunAsync(terminal: true, noColorVariable: null, "credentials")).Stdout;

        var invalid = templates.Split('\n').Single(l => l.StartsWith("azure-standalone-cp-1-0-8 ", StringComparison.Ordinal));
        Assert.Contains("\e[31mfalse\e[0m   ", invalid, StringComparison.Ordinal);
        Assert.EndsWith("failed to get HelmChart kcm-system/azure-standalone-cp-1-0-8: chart version 1.0.8 not found", invalid, StringComparison.Ordinal);
        Assert.DoesNotContain("\e[31mtrue", templates, StringComparison.Ordinal);
        Assert.Contains("gcp-credential                \e[31mfalse\e[0m   ", credentials, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_WhenOnATerminal_ColoursPhaseReadyAndConditionStatuses()
    {
        var ready = await world.RunAsync(terminal: true, noColorVariable: null, "status", "aws-uswest2-prod");
        var failed = (await world.RunAsync(terminal: true, noColorVariable: null, "status", "aws-uswest2-test")).Stdout;

        Assert.Equal(0, ready.ExitCode);
        Assert.Contains("Phase:               \e[32mReady\e[0m: ", ready.Stdout, StringComparison.Ordinal);
        Assert.Contains("Ready:               \e[32mTrue\e[0m\n", ready.Stdout, StringComparison.Ordinal);
        Golden.Check("status-ready.txt", Golden.MaskUids(AnsiText.Strip(ready.Stdout).Replace(world.HistoryDirectory, "<history-dir>", StringComparison.Ordinal)));
        Assert.Contains("Phase:               \e[31mFailed\e[0m: ", failed, StringComparison.Ordinal);
        Assert.Contains("Ready:               \e[31mFalse\e[0m\n", failed, StringComparison.Ordinal);
        Assert.Matches(@"\n  Ready +\e\[31mFalse\e\[0m +Failed ", failed);
        Assert.DoesNotContain("\e[32mTrue\e[0m   ", failed.Split("\nConditions:")[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, null, "status aws-uswest2-test")]
    [InlineData(true, "1", "status aws-uswest2-test")]
    [InlineData(true, null, "status aws-uswest2-test -o yaml")]
    [InlineData(true, "1", "list")]
    [InlineData(true, null, "list --no-color")]
    [InlineData(false, null, "list")]
    [InlineData(true, null, "list -o json")]
    [InlineData(true, null, "list -o yaml")]
    [InlineData(true, null, "list -o name")]
    [InlineData(true, "1", "templates")]
    [InlineData(false, null, "credentials")]
    public async Task Run_WhenNoColorNoTerminalOrStructured_PrintsNoColour(bool terminal, string? noColor, string args)
    {
        var result = await world.RunAsync(terminal, noColor, args.Split(' '));

        Assert.Equal(0, result.ExitCode);
        Assert.False(AnsiText.HasColor(result.Stdout), result.Stdout);
        Assert.False(AnsiText.HasColor(result.Stderr), result.Stderr);
    }

    [Fact]
    public async Task List_WhenNoColorIsEmpty_TreatsItAsUnset()
    {
        var result = await world.RunAsync(terminal: true, noColorVariable: string.Empty, "list");

        Assert.True(AnsiText.HasColor(result.Stdout));
    }
}
