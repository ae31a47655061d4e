using System.Text.RegularExpressions;
using Childctl.Testing;

namespace Childctl.Cli.Tests.Lifecycle;

/// <summary>
/// The whole output of the lifecycle commands (exit code, stdout, stderr) against golden files under
/// <c>testdata/lifecycle/</c>: what a user and a script see for create, scale and upgrade, their refusals, and a wait;
/// <see cref="LifecycleStillGoldenTests"/> has delete and watch. Uids and operation ids are masked. Regenerate with
/// CHILDCTL_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed partial class LifecycleGoldenTests(LifecycleSandbox fixture) : IClassFixture<LifecycleSandbox>
{
    [Fact]
    public async Task Create_WhenNothingIsNamed_SaysWhichTemplateAndCredentialItPicked()
    {
        var run = fixture.NewRun();

        Check("create.txt", await run.RunAsync("create", "aws", "g-create", "--region", "us-west-2"));
    }

    [Fact]
    public async Task Create_WhenDryRun_PrintsTheManifestAndCreatesNothing()
    {
        var run = fixture.NewRun();

        Check("create-dry-run.txt", await run.RunAsync("create", "gcp", "g-dry", "--region", "us-east4", "--project", "p1", "--reason", "try it", "--dry-run"));
    }

    [Fact]
    public async Task Create_WhenTheTemplateIsMissing_FailsWithNotFound()
    {
        var run = fixture.NewRun();

        Check("create-missing-template.txt", await run.RunAsync("create", "aws", "g-nope", "--region", "us-west-2", "--template", "aws-standalone-cp-9-9-9"));
    }

    [Fact]
    public async Task Scale_WhenTheCountsChange_SaysBeforeAndAfter()
    {
        var run = await CreatedAsync("g-scale", "--wait");

        Check("scale.txt", await run.RunAsync("scale", "g-scale", "--workers", "3"));
        Check("scale-unchanged.txt", await run.RunAsync("scale", "g-scale", "--workers", "3"));
    }

    [Fact]
    public async Task Upgrade_WhenTheChainAllows_ListsRefusesOthersThenMovesTheTemplate()
    {
        var run = await CreatedAsync("g-upgrade", "--template", "aws-standalone-cp-1-0-42", "--wait");

        Check("upgrade-list.txt", await run.RunAsync("upgrade", "g-upgrade", "--list"));
        Check("upgrade-not-allowed.txt", await run.RunAsync("upgrade", "g-upgrade", "--to", "aws-standalone-cp-1-0-41"));
        Check("upgrade.txt", await run.RunAsync("upgrade", "g-upgrade", "--to", "aws-standalone-cp-1-0-43"));
    }

    [Fact]
    public async Task Wait_WhenTheClusterIsNotThere_FailsWithNotFound()
    {
        var run = fixture.NewRun();

        Check("wait-not-found.txt", await run.RunAsync("wait", "g-never-there", "--timeout", "1m"));
    }

    private async Task<TestCli> CreatedAsync(string name, params string[] more)
    {
        var run = fixture.NewRun();
        Assert.Equal(0, (await run.RunAsync(["create", "aws", name, "--region", "us-west-2", "--worker-number", "1", .. more])).ExitCode);
        return run;
    }

    internal static void Check(string name, CliResult result) =>
        Golden.Check("lifecycle/" + name, result with { Stdout = Mask(result.Stdout), Stderr = Mask(result.Stderr) });

    internal static string Mask(string text) => Ulid().Replace(Golden.MaskUids(text), "<ULID>");

    [GeneratedRegex("[0-9A-HJKMNP-TV-Z]{26}")]
    private static partial Regex Ulid();
}
