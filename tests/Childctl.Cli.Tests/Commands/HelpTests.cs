using Childctl.Testing;

namespace Childctl.Cli.Tests.Commands;

public sealed class HelpTests
{
    [Fact]
    public async Task Help_WhenGivenACommand_PrintsItsHelpWithExamplesAndExitCodes()
    {
        var result = await TestCli.Bare.RunAsync("help", "delete");

        Golden.Check("help/delete.txt", result);
    }

    [Theory]
    [InlineData("set config", "help/set-config.txt")]
    [InlineData("edit", "help/edit.txt")]
    public async Task Help_OfTheSpecChangingCommands_PrintsTheirExamplesAndExitCodes(string command, string golden)
    {
        var result = await TestCli.Bare.RunAsync(["help", .. command.Split(' ')]);

        Golden.Check(golden, result);
    }

    [Fact]
    public async Task Help_WithoutACommand_ListsTheCommandsWithOptionalArgumentsInBrackets()
    {
        var result = await TestCli.Bare.RunAsync("help");

        Assert.Equal(0, result.ExitCode);
        var rows = result.Stdout.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(rows, r => r.StartsWith("watch [name]   ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("delete [name]   ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("describe, status <name>   ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("help [command]   ", StringComparison.Ordinal));
        Assert.Contains("Usage:\n  childctl watch [<name>] [options]", (await TestCli.Bare.RunAsync("help", "watch")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_WhenAPrefixOfACommand_IsThatCommandsHelp()
    {
        var viaHelp = await TestCli.Bare.RunAsync("help", "hist");
        var viaOption = await TestCli.Bare.RunAsync("history", "--help");

        Assert.Equal((0, viaOption.Stdout), (viaHelp.ExitCode, viaHelp.Stdout));
    }

    [Fact]
    public async Task Help_WhenTheCommandIsUnknown_IsExit2NamingIt()
    {
        var result = await TestCli.Bare.RunAsync("help", "bogus");

        Assert.Equal((2, string.Empty, "error: unknown command 'bogus'; 'childctl help' lists the commands\n"), (result.ExitCode, result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task Help_WhenARequiredArgumentIsMissing_IsStillHelp()
    {
        var result = await TestCli.Bare.RunAsync("scale", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:\n  childctl scale <name> [options]", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("status")]
    [InlineData("templates")]
    [InlineData("credentials")]
    [InlineData("create")]
    [InlineData("create azure")]
    [InlineData("create aws")]
    [InlineData("create gcp")]
    [InlineData("wait")]
    [InlineData("watch")]
    [InlineData("kubeconfig")]
    [InlineData("scale")]
    [InlineData("upgrade")]
    [InlineData("set config")]
    [InlineData("edit")]
    [InlineData("events")]
    [InlineData("delete")]
    [InlineData("sandbox up")]
    [InlineData("version")]
    [InlineData("history")]
    [InlineData("note")]
    [InlineData("audit")]
    [InlineData("migrate")]
    [InlineData("completion")]
    [InlineData("install")]
    [InlineData("help")]
    public async Task Help_OfEveryCommand_HasExamplesAndExitCodes(string command)
    {
        var result = await TestCli.Bare.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\nExamples:\n  # ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\n  childctl {command} ", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nExit codes:\n  0    success\n", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("/?", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_WhenRunAsKubectlPlugin_NamesKubectlChildctl()
    {
        var cli = new TestCli { ProgramName = "kubectl childctl" };

        var help = await cli.RunAsync("scale", "--help");
        var error = await cli.RunAsync("scale");

        Assert.Contains("Usage:\n  kubectl childctl scale <name> [options]", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n  kubectl childctl scale my-cluster --workers 5 --wait\n", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("kubectl kubectl", help.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("Run 'kubectl childctl scale --help' for usage.\n", error.Stderr, StringComparison.Ordinal);
    }
}
