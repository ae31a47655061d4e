using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>
/// Tab completion asks the API (with a short limit) for the names an argument or option takes: clusters for NAME,
/// templates, credentials and namespaces; contexts come from the kubeconfig. stdout holds the candidates and nothing else.
/// </summary>
public sealed class CompletionNamesTests(LiveViewSandbox world) : IClassFixture<LiveViewSandbox>
{
    [Theory]
    [InlineData("childctl status aws-", "aws-useast1-stale\naws-uswest2-prod\naws-uswest2-test\n")]
    [InlineData("childctl delete azure-dryrun gcp", "gcp-useast4-stage\n")]
    public async Task Suggest_WhenTheArgumentIsAClusterName_OffersTheClustersTheApiLists(string line, string expected)
    {
        var result = await SuggestAsync(line);

        Assert.Equal((0, expected), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task Suggest_WhenTheLineNamesANamespace_OffersThatNamespacesClusters()
    {
        var result = await SuggestAsync("childctl -n team-b wait ");

        var candidates = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("gcp-team-b", candidates);
        Assert.DoesNotContain("aws-uswest2-prod", candidates);
    }

    [Fact]
    public async Task Suggest_WhenTheNameIsANewClusters_OffersNoExistingNames()
    {
        var result = await SuggestAsync("childctl create aws aws-");

        Assert.Equal(string.Empty, result.Stdout.Trim());
    }

    [Theory]
    [InlineData("childctl create aws x --template aws", "aws-standalone-cp-1-0-42\naws-standalone-cp-1-0-43\n")]
    [InlineData("childctl create --template azure", "azure-standalone-cp-1-0-45\nazure-standalone-cp-1-0-8\n")]
    [InlineData("childctl -n team-b create gcp x --template ", "gcp-standalone-cp-1-0-43\n")]
    [InlineData("childctl list --template gcp", "gcp-standalone-cp-1-0-43\n")]
    public async Task Suggest_WhenTheOptionIsTemplate_OffersTheNamespacesClusterTemplates(string line, string expected)
    {
        var result = await SuggestAsync(line);

        Assert.Equal((0, expected), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task Suggest_WhenTheOptionIsCredential_OffersTheNamespacesCredentials()
    {
        var result = await SuggestAsync("childctl create aws x --credential ");

        Assert.Equal((0, "aws-cluster-credential\nazure-cluster-identity-cred\ngcp-credential\n"), (result.ExitCode, result.Stdout));
    }

    [Theory]
    [InlineData("childctl -n ")]
    [InlineData("childctl list --namespace ")]
    public async Task Suggest_WhenTheOptionIsNamespace_OffersTheNamespacesTheApiLists(string line)
    {
        var result = await SuggestAsync(line);

        Assert.Equal(0, result.ExitCode);
        var candidates = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(LiveViewSandbox.Ns, candidates);
        Assert.Contains(LiveViewSandbox.OtherNs, candidates);
        Assert.Equal(candidates.Order(StringComparer.Ordinal), candidates);
    }

    [Fact]
    public async Task Suggest_WhenTheOptionIsContext_OffersTheKubeconfigsContextsWithoutAskingTheApi()
    {
        using var folder = new TempDirectory("childctl-contexts");
        var kubeconfig = folder.Combine("kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            current-context: staging-mgmt
            clusters:
            - name: nowhere
              cluster: {server: "https://127.0.0.1:1"}
            contexts:
            - name: staging-mgmt
              context: {cluster: nowhere, user: nobody}
            - name: prod-mgmt
              context: {cluster: nowhere, user: nobody}
            users:
            - name: nobody
              user: {token: none}
            """);
        const string line = "childctl --context ";

        var result = await new TestCli(new Dictionary<string, string> { ["KUBECONFIG"] = kubeconfig, ["CHILDCTL_HISTORY_DIR"] = folder.Path })
            .RunAsync($"[suggest:{line.Length}]", line);

        Assert.Equal((0, "prod-mgmt\nstaging-mgmt\n"), (result.ExitCode, result.Stdout));
    }

    [Fact]
    public async Task CompleteForKubectl_WhenRunAsThePlugin_OffersTheSameNamesThenTheDirective()
    {
        var stdout = new StringWriter();
        var host = new CliHost
        {
            Out = stdout,
            Err = TextWriter.Null,
            GetEnvironmentVariable = v => v switch { "KUBECONFIG" => world.KubeconfigPath, "CHILDCTL_HISTORY_DIR" => world.HistoryDirectory, _ => null },
            ProgramName = "kubectl childctl",
        };

        var exit = await CliApp.CompleteForKubectlAsync(["create", "aws", "x", "--template", "aws-standalone-cp-1-0-4"], host);

        Assert.Equal((0, "aws-standalone-cp-1-0-42\naws-standalone-cp-1-0-43\n:4\n"), (exit, stdout.ToString()));
    }

    [Fact]
    public async Task Help_WhenTheApiHasClusters_NamesTheArgumentsNotTheClusters()
    {
        var result = await world.RunAsync("help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  describe, status <name>  ", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("aws-uswest2-prod", result.Stdout, StringComparison.Ordinal);
    }

    private Task<CliResult> SuggestAsync(string line) => world.RunAsync($"[suggest:{line.Length}]", line);
}
