using Childctl.Sandbox.Storage;

namespace Childctl.Cli.Tests.Lifecycle;

public sealed class CreateValidationTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Theory]
    [InlineData(2, "invalid cluster name", "create", "azure", "Bad_Name", "--location", "eastus", "--subscription-id", "s")]
    [InlineData(2, "Helm release names are at most 53", "create", "aws", "a-name-that-is-far-too-long-to-be-a-helm-release-name-x", "--region", "us-west-2")]
    [InlineData(2, "--location is required", "create", "azure", "v-noloc", "--subscription-id", "s")]
    [InlineData(2, "--project is required", "create", "gcp", "v-noproj", "--region", "us-east4")]
    [InlineData(3, "ClusterTemplate \"azure-standalone-cp-9-9-9\" not found", "create", "azure", "v-notmpl", "--location", "eastus", "--subscription-id", "s", "--template", "azure-standalone-cp-9-9-9")]
    [InlineData(2, "is not valid: failed to get HelmChart", "create", "azure", "v-badtmpl", "--location", "eastus", "--subscription-id", "s", "--template", "azure-standalone-cp-1-0-46")]
    [InlineData(2, "is for aws, not azure", "create", "azure", "v-wrongtmpl", "--location", "eastus", "--subscription-id", "s", "--template", "aws-standalone-cp-1-0-43")]
    [InlineData(3, "Credential \"nope\" not found", "create", "aws", "v-nocred", "--region", "us-west-2", "--credential", "nope")]
    [InlineData(2, "Credential \"azure-legacy-cred\" in namespace \"kcm-system\" is not ready: ClusterIdentity", "create", "azure", "v-notready", "--location", "eastus", "--subscription-id", "s", "--credential", "azure-legacy-cred")]
    [InlineData(2, "--cluster-labels: \"oops\" is not key=value", "create", "aws", "v-labels", "--region", "us-west-2", "--cluster-labels", "oops")]
    public async Task Create_WhenInputIsInvalid_FailsWithOneMessage_AndCreatesNothing(int exitCode, string message, params string[] args)
    {
        var run = fixture.NewRun();

        var result = await run.RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(result.Stdout);
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", args[2]));
    }

    [Fact]
    public async Task Create_WhenTheFileLacksRequiredKeys_FailsNamingThemAndCreatesNothing()
    {
        var run = fixture.NewRun();
        var file = Path.Combine(run.Home, "cd.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: k0rdent.mirantis.com/v1beta1
            kind: ClusterDeployment
            metadata:
              name: v-file-keys
            spec:
              template: aws-standalone-cp-1-0-43
              config:
                controlPlane: {instanceType: t3.small}
            """);

        var result = await run.RunAsync("create", "-f", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("lacks keys that aws-standalone-cp-1-0-43 (aws) requires: region, worker.instanceType", result.Stderr, StringComparison.Ordinal);
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "v-file-keys"));
        Assert.Contains("action: cluster_create_failed", run.HistoryText("v-file-keys"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenDryRun_PrintsTheManifestValidatesOnTheServerAndCreatesNothing()
    {
        var run = fixture.NewRun();

        var result = await run.RunAsync("create", "gcp", "v-dry", "--region", "us-east4", "--project", "p1", "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("kind: ClusterDeployment", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("template: gcp-standalone-cp-1-0-43", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("project: p1", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("nothing was created", result.Stderr, StringComparison.Ordinal);
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "v-dry"));
        Assert.Empty(run.HistoryText("v-dry"));
    }

    [Fact]
    public async Task Create_WhenK0rdentDryRun_SetsSpecDryRunAndSendsAnExplicitConfig()
    {
        var run = fixture.NewRun();

        var result = await run.RunAsync("create", "aws", "v-kdry", "--region", "us-west-2", "--k0rdent-dry-run");

        Assert.Equal(0, result.ExitCode);
        var stored = fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "v-kdry")!;
        Assert.True(stored["spec"]!["dryRun"]!.GetValue<bool>());
        Assert.Equal("us-west-2", stored["spec"]!["config"]!["region"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_WhenTheNameIsTaken_FailsAtTheServerDryRun()
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync("create", "aws", "v-taken", "--region", "us-west-2")).ExitCode);

        var again = await run.RunAsync("create", "aws", "v-taken", "--region", "us-west-2");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Stderr, StringComparison.Ordinal);
    }
}
