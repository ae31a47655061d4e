using Childctl.Testing;

namespace Childctl.Cli.Tests.Commands;

/// <summary>
/// Bad arguments are bad input (exit 2), refused while parsing: a NAME that cannot be a ClusterDeployment's, a node
/// count that is not a whole number, a missing manifest, a bad time filter. The kubeconfig here points
/// at a port nothing listens on, so any API call would have ended in exit 5 instead.
/// </summary>
public sealed class ArgumentValidationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("childctl-names-").FullName;

    [Theory]
    [InlineData("status", "../etc/passwd")]
    [InlineData("describe", "Bad_Name")]
    [InlineData("scale", "a/b", "--workers", "2")]
    [InlineData("upgrade", "UPPER", "--list")]
    [InlineData("kubeconfig", "-dash-first")]
    [InlineData("wait", "trailing-")]
    [InlineData("watch", "two..dots")]
    [InlineData("delete", "ok-one", "not ok", "--yes")]
    public async Task Run_WhenTheNameIsInvalid_IsExit2BeforeAnyApiCallNamingTheRule(params string[] args)
    {
        var result = await new TestCli(Environment()).RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid cluster name", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("DNS subdomain", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Run_WhenTheNameIsValid_GetsAsFarAsTheApi()
    {
        var result = await new TestCli(Environment()).RunAsync("status", "my-cluster.v2");

        Assert.Equal(5, result.ExitCode);
    }

    [Theory]
    [InlineData("--worker-number", "abc", "create", "aws", "c-one", "--region", "us-west-2")]
    [InlineData("--cp-number", "1.5", "create", "aws", "c-one", "--region", "us-west-2")]
    [InlineData("--root-volume-size", "-40", "create", "gcp", "c-one", "--region", "us-east4", "--project", "p")]
    [InlineData("--workers", "-1", "scale", "c-one")]
    [InlineData("--control-planes", "three", "scale", "c-one")]
    public async Task Run_WhenANodeCountIsNotAWholeNumber_IsExit2NamingTheOption(string option, string value, params string[] args)
    {
        var result = await new TestCli(Environment()).RunAsync([.. args, option, value]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {option} must be a whole number of 0 or more, not '{value}'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cluster-labels", "bad key=v", "\"bad key\" must be 1-63 letters")]
    [InlineData("--cluster-labels", "team=a b", "the value \"a b\" must be empty or up to 63")]
    [InlineData("--cluster-labels", "Example.com/team=a", "the prefix \"Example.com\" must be a DNS subdomain")]
    [InlineData("--cluster-annotations", "-note=x", "\"-note\" must be 1-63 letters")]
    public async Task Create_WhenALabelOrAnnotationWouldBeRefused_IsExit2BeforeAnyApiCall(string flag, string pair, string problem)
    {
        var result = await new TestCli(Environment()).RunAsync("create", "aws", "c-one", "--region", "us-west-2", flag, pair);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {flag}: invalid key=value \"{pair}\": {problem}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenAnnotationValuesAreFreeText_AcceptsThemAndQualifiedKeys()
    {
        var result = await new TestCli(Environment()).RunAsync("create", "aws", "c-one", "--region", "us-west-2",
            "--cluster-labels", "example.com/team=platform,tier=", "--cluster-annotations", "owner=Jane Doe (platform)");

        Assert.Equal(5, result.ExitCode); // got as far as the (unreachable) API
    }

    [Theory]
    [InlineData("list")]
    [InlineData("templates")]
    [InlineData("delete", "--all", "--dry-run")]
    [InlineData("history")]
    public async Task Run_WhenTheNamespaceCannotExist_IsExit2ForEveryCommand(params string[] args)
    {
        var result = await new TestCli(Environment()).RunAsync([.. args, "-n", "Bad_NS"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: invalid namespace \"Bad_NS\": it must be a DNS label", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_WhenAcceptServerChangeComesWithoutRecord_IsExit2()
    {
        var result = await new TestCli(Environment()).RunAsync("audit", "--accept-server-change");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --accept-server-change only matters with --record", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenTheFileIsMissing_IsExit2SayingSo()
    {
        var result = await new TestCli(Environment()).RunAsync("create", "-f", Path.Combine(_dir, "missing.yaml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("missing.yaml: no such file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenAFolderIsGivenForAFileOrTheOtherWayRound_IsExit2SayingSo()
    {
        var file = Path.Combine(_dir, "plain-file");
        File.WriteAllText(file, "x");

        var create = await new TestCli(Environment()).RunAsync("create", "-f", _dir);
        var kubeconfig = await new TestCli(Environment()).RunAsync("--kubeconfig", _dir, "list");
        var migrate = await new TestCli(Environment()).RunAsync("migrate", "--from", file);

        Assert.Equal((2, $"error: -f {_dir} holds no .yaml, .yml or .json files (-R reads its subdirectories too)\n"), (create.ExitCode, create.Stderr));
        Assert.Equal((2, $"error: kubeconfig {_dir} is a folder: give the kubeconfig file with --kubeconfig\n"), (kubeconfig.ExitCode, kubeconfig.Stderr));
        Assert.Equal(2, migrate.ExitCode);
        Assert.Contains($"{file} is a file, not the legacy state folder", migrate.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_WhenSinceIsBad_FailsBeforePrintingTheHeading()
    {
        var result = await new TestCli(Environment()).RunAsync("history", "--since", "yesterday");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: invalid --since 'yesterday'", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Dictionary<string, string> Environment()
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: nowhere
              cluster: {server: "https://127.0.0.1:1"}
            users:
            - name: someone
              user: {token: abc}
            contexts:
            - name: nowhere
              context: {cluster: nowhere, user: someone, namespace: kcm-system}
            current-context: nowhere
            """);
        return new Dictionary<string, string>
        {
            ["KUBECONFIG"] = kubeconfig,
            ["HOME"] = _dir,
            ["CHILDCTL_HISTORY_DIR"] = Path.Combine(_dir, "history"),
        };
    }
}
