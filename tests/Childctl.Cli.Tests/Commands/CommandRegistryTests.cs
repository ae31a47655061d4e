using System.CommandLine;
using System.CommandLine.Parsing;
using Childctl.Cli.Commands;

namespace Childctl.Cli.Tests.Commands;

/// <summary>What a run builds of the command tree: the command it names, or every command where the line needs them.</summary>
public sealed class CommandRegistryTests
{
    private static readonly string[] Everything = [.. CommandRegistry.Names.Select(n => n.Name)];

    [Theory]
    [InlineData("delete -l env=dev --yes", "delete")]
    [InlineData("del -l env=dev --yes", "delete")]
    [InlineData("-n dev --context ctx -v delete x", "delete")]
    [InlineData("--namespace=dev --as=alice delete x", "delete")]
    [InlineData("describe x", "status")]
    [InlineData("st x", "status")]
    [InlineData("version --client", "version")]
    [InlineData("list --help", "list")]
    [InlineData("hist enable-team", "history")]
    [InlineData("completion bash", "completion")]
    public void For_WhenTheLineNamesACommand_BuildsOnlyThatCommand(string line, string built)
    {
        var root = Root(Words(line));

        Assert.Equal([built], root.Subcommands.Select(c => c.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--version")]
    [InlineData("help")]
    [InlineData("help delete")]
    [InlineData("s x")]
    [InlineData("frobnicate")]
    [InlineData("-n dev")]
    [InlineData("-vA list")]
    [InlineData("--bogus list")]
    [InlineData("-- list")]
    public void For_WhenTheLineNeedsTheWholeTree_BuildsEveryCommand(string line)
    {
        var root = Root(Words(line));

        Assert.Equal(Everything, root.Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void For_WhenCompleting_BuildsEveryCommand()
    {
        var root = Root(["[suggest:13]", "childctl del "]);

        Assert.Equal(Everything, root.Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void Names_AreWhatTheBuildersGive_InHelpsOrder()
    {
        var built = Root([]).Subcommands;

        Assert.Equal(CommandRegistry.Names.Select(n => $"{n.Name} {string.Join(',', n.Aliases)}"), built.Select(c => $"{c.Name} {string.Join(',', c.Aliases)}"));
        Assert.DoesNotContain(built, c => c.Hidden); // a hidden command would need its prefixes left out, as CommandPrefixes does
    }

    /// <summary>The command built alone parses its line as it does among all the others: same command, tokens, errors.</summary>
    [Theory]
    [InlineData("delete -l env=dev --yes")]
    [InlineData("del x y --wait --timeout 5m")]
    [InlineData("delete list")]
    [InlineData("note x list status --reason delete")]
    [InlineData("-n list2 status x")]
    [InlineData("--context list delete x")]
    [InlineData("--context=list list -o wide")]
    [InlineData("list --bogus")]
    [InlineData("list -o xml")]
    [InlineData("set conf x a=b")]
    [InlineData("set x")]
    [InlineData("history team")]
    [InlineData("create azure x --location eastus extra")]
    [InlineData("sandbox up --port list")]
    [InlineData("version --client -o json")]
    public void For_ParsesTheLineAsTheWholeTreeDoes(string line)
    {
        var words = Words(line);
        var alone = Parse(Root(words), words);
        var among = Parse(Root([]), words);

        Assert.Single(Root(words).Subcommands);
        Assert.Equal(among, alone);
    }

    [Theory]
    [InlineData("delete -l env=dev --yes")]
    [InlineData("status x -o yaml")]
    [InlineData("list")]
    public void BuildRoot_WhenTheLineNamesOneCommandWithoutHelp_LeavesHelpAndCompletionOff(string line)
    {
        var root = Root(Words(line));

        // System.CommandLine's own help option (it also takes /? and -?) is still there: ours was not installed.
        Assert.Contains("/?", root.Options.OfType<System.CommandLine.Help.HelpOption>().Single().Aliases);
        Assert.All(root.Subcommands.SelectMany(c => c.Arguments), a => Assert.Empty(a.CompletionSources.Skip(1)));
    }

    [Theory]
    [InlineData("list --help")]
    [InlineData("delete x -h")]
    [InlineData("status -?")]
    [InlineData("help")]
    public void BuildRoot_WhenTheLineAsksForHelp_InstallsChildctlsHelp(string line)
    {
        var root = Root(Words(line));

        Assert.Equal(["-h"], root.Options.OfType<System.CommandLine.Help.HelpOption>().Single().Aliases.Order(StringComparer.Ordinal));
    }

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static RootCommand Root(string[] words) =>
        CliApp.BuildRoot(new CliRun(new CliHost { Out = TextWriter.Null, Err = TextWriter.Null, GetEnvironmentVariable = _ => null }, words));

    private static string Parse(RootCommand root, string[] words)
    {
        var parse = root.Parse(CommandPrefixes.Expand(root, words, GlobalOptions.TakingValues));
        var path = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as CommandResult)
        {
            path.Insert(0, r.Command.Name);
        }

        return string.Join('\n', [
            string.Join(' ', path[1..]),
            string.Join(' ', parse.Tokens.Select(t => $"{t.Type}:{t.Value}")),
            .. parse.Errors.Select(e => e.Message),
        ]);
    }
}
