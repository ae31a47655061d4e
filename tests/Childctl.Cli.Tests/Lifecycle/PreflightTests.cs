using Childctl.Sandbox.Storage;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// The pre-flight check of a spec (issue 15 points 1 and 2): a Credential whose identity kind does not fit the template's
/// cloud, and a config that breaks the template's published values schema, are refused with exit 2 before anything is
/// sent — from flags, from a file and in a dry run alike — where the sandbox (as k0rdent) would refuse or fail later.
/// </summary>
public sealed class PreflightTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Create_WhenTheCredentialIsForAnotherCloud_Exits2NamingBothAndTheCredentialsThatFit()
    {
        var run = fixture.NewRun();

        var result = await run.RunAsync("create", "azure", "pf-az-x", "--location", "eastus", "--subscription-id", "s", "--credential", "aws-cluster-credential");

        LifecycleGoldenTests.Check("create-credential-misfit.txt", result);
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "pf-az-x"));
    }

    [Fact]
    public async Task CreateDryRun_WhenTheCredentialIsForAnotherCloud_Exits2AndRecordsNothing()
    {
        var run = fixture.NewRun();

        var result = await run.RunAsync("create", "gcp", "pf-gcp-x", "--project", "p", "--region", "us-east4", "--credential", "azure-cluster-identity-cred", "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "Credential \"azure-cluster-identity-cred\" (identity kind AzureClusterIdentity, for azure) does not fit ClusterTemplate \"gcp-standalone-cp-1-0-43\" (gcp), " +
            "which accepts identity kinds Secret; Credentials that fit in namespace \"kcm-system\": gcp-credential (ready)",
            result.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.HistoryText("pf-gcp-x"));
    }

    [Fact]
    public async Task CreateFromFile_WhenAnAwsTemplateGetsAnAzureCredential_Exits2()
    {
        var run = fixture.NewRun();
        var file = await WriteAsync(run, "pf-file-x", "aws-standalone-cp-1-0-43", "azure-cluster-identity-cred", """
                region: us-west-2
                controlPlane: {instanceType: t3.small}
                worker: {instanceType: t3.small}
            """);

        var result = await run.RunAsync("create", "-f", file, "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not fit ClusterTemplate \"aws-standalone-cp-1-0-43\" (aws), which accepts identity kinds AWSClusterStaticIdentity, AWSClusterRoleIdentity, AWSClusterControllerIdentity; " +
            "Credentials that fit in namespace \"kcm-system\": aws-cluster-credential (ready)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFromFile_WhenTheConfigBreaksTheTemplatesSchema_Exits2WithEachFieldAndRule()
    {
        var run = fixture.NewRun();
        var file = await WriteAsync(run, "pf-schema", "aws-standalone-cp-1-0-43", "aws-cluster-credential", """
                region: us-west-2
                workerNumber: 3
                workersNumber: "two"
                controlPlane: {instanceType: t3.small, rootVolumeSize: 4}
                worker: {instanceType: t3.small}
                k0s: {arch: sparc}
            """);

        var result = await run.RunAsync("create", "-f", file);

        LifecycleGoldenTests.Check("create-schema.txt", result);
        Assert.Null(fixture.Sandbox.Store.Get(ResourceType.ClusterDeployment, "kcm-system", "pf-schema"));
    }

    [Fact]
    public async Task Create_WhenAFlagValueBreaksTheSchema_IsRefusedBeforeTheServerSeesIt()
    {
        var run = fixture.NewRun();
        var file = await WriteAsync(run, "pf-null", "azure-standalone-cp-1-0-45", null, """
                location: eastus
                subscriptionID: s
                controlPlaneNumber: null
                controlPlane: {vmSize: Standard_A4_v2}
                worker: {vmSize: Standard_A4_v2}
            """);

        var result = await run.RunAsync("create", "-f", file, "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ClusterDeployment.k0rdent.mirantis.com \"pf-null\" is invalid: spec.config.controlPlaneNumber: Required value (the values schema of ClusterTemplate azure-standalone-cp-1-0-45",
            result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenTheConfigFitsTheSchema_IsCreated()
    {
        var run = fixture.NewRun();

        var result = await run.RunAsync("create", "aws", "pf-fits", "--region", "us-west-2", "--root-volume-size", "8", "--cp-number", "1");

        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    private static async Task<string> WriteAsync(TestCli run, string name, string template, string? credential, string config)
    {
        var file = Path.Combine(run.Home, name + ".yaml");
        var credentialLine = credential is null ? string.Empty : $"\n  credential: {credential}";
        await File.WriteAllTextAsync(file, $"""
            apiVersion: k0rdent.mirantis.com/v1beta1
            kind: ClusterDeployment
            metadata:
              name: {name}
            spec:
              template: {template}{credentialLine}
              config:
            {config}
            """);
        return file;
    }
}
