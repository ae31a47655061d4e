using Childctl.Testing;

namespace Childctl.Cli.Tests;

public class CommandLineTests
{
    [Fact]
    public async Task Version_WhenClientOnly_PrintsTheClientVersionAndContactsNothing()
    {
        var result = await TestCli.Bare.RunAsync("version", "--client");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^Client Version: v\d+\.\d+\.\d+\S*\n$", result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Run_WhenAPrefixIsUnambiguous_RunsTheCommand()
    {
        var result = await TestCli.Bare.RunAsync("vers", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"clientVersion\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenThereAreNoArguments_PrintsTheOverviewAndExitsZero()
    {
        var result = await TestCli.Bare.RunAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("status", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("history", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Run_WhenTheCommandIsUnknown_IsUsageErrorExit2()
    {
        var result = await TestCli.Bare.RunAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: Unrecognized command or argument 'frobnicate'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("status x -o wide", "childctl status does not print -o wide: it prints table, json, yaml, name, jsonpath=, custom-columns=")]
    [InlineData("describe x -o wide", "childctl status does not print -o wide: it prints table, json, yaml, name, jsonpath=, custom-columns=")]
    [InlineData("delete x --yes -o wide", "childctl delete does not print -o wide: it prints table, json, yaml, name, jsonpath=, custom-columns=")]
    [InlineData("watch -o yaml", "childctl watch does not print -o yaml: it prints table, json")]
    [InlineData("sandbox up -o json", "childctl sandbox up does not print -o json: it prints table")]
    [InlineData("wai x -o name", "childctl wait does not print -o name: it prints table")]
    public async Task Run_WhenTheCommandDoesNotPrintTheFormat_IsUsageErrorNotIgnored(string args, string message)
    {
        var result = await TestCli.Bare.RunAsync(args.Split(' '));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {message}\n", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Run_WhenTheOutputFormatIsUnknown_IsUsageErrorNamingTheChoices()
    {
        var result = await TestCli.Bare.RunAsync("version", "-o", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown output format 'xml'", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _childctl_complete childctl")]
    [InlineData("zsh", "compdef _childctl_complete childctl")]
    [InlineData("fish", "complete -c childctl")]
    public async Task Completion_WhenAShellIsNamed_PrintsItsScript(string shell, string expected)
    {
        var result = await TestCli.Bare.RunAsync("completion", shell);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("childctl list --output=y", "yaml\n")]
    [InlineData("childctl list --output=", "custom-columns=\njson\njsonpath=\nname\ntable\nwide\nyaml\n")]
    [InlineData("childctl list -o y", "yaml\n")]
    public async Task Suggest_WhenTheValueFollowsAnEqualsSign_CompletesIt(string line, string expected)
    {
        var result = await TestCli.Bare.RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal((0, expected, string.Empty), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task Suggest_WhenACommandIsPartlyTyped_CompletesIt()
    {
        var result = await TestCli.Bare.RunAsync("[suggest:4]", "comp");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("completion", result.Stdout.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task Run_WhenAPrefixIsAmbiguous_IsUsageErrorListingTheCandidates()
    {
        var result = await TestCli.Bare.RunAsync("de", "x");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: 'de' is ambiguous: it could be delete, demo, describe (status)\n", result.Stderr);
    }
}
