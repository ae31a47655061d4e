using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Childctl.Testing;

namespace Childctl.Aot.Tests;

/// <summary>
/// Publishes the shipped NativeAOT childctl and childctl-sandbox once for all tests of the collection, exactly as
/// <c>./childctl install</c> does (Release, this machine's runtime identifier, both into one folder), keeping the
/// publish output so that a test can fail on any trim or AOT warning. Intermediate files go under
/// <c>artifacts/aot-tests</c> so they never touch the Debug build the other tests run from.
/// </summary>
public sealed partial class PublishedBinaries : IAsyncLifetime
{
    private static readonly string Work = Path.Combine(RepoPaths.Root, "artifacts", "aot-tests");

    public string Folder { get; } = Path.Combine(Work, "bin");

    public List<(string Project, ProcessResult Result)> Publishes { get; } = [];

    public string Childctl => Path.Combine(Folder, "childctl");

    /// <summary>The warning lines of every publish (MSBuild's "path(line,col): warning CODE: text" form).</summary>
    public IReadOnlyList<string> Warnings =>
        Publishes.SelectMany(p => (p.Result.Stdout + "\n" + p.Result.Stderr).Split('\n'))
            .Where(line => WarningLine().IsMatch(line))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public async Task InitializeAsync()
    {
        foreach (var project in (string[])["Childctl.Cli", "Childctl.Sandbox"])
        {
            var csproj = Path.Combine(RepoPaths.Root, "src", project, project + ".csproj");
            var result = await ProcessRunner.RunAsync("dotnet",
                ["publish", csproj, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-o", Folder,
                    "--artifacts-path", Path.Combine(Work, "build"), "-nologo", "-clp:NoSummary"],
                new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
                TimeSpan.FromMinutes(20), RepoPaths.Root);
            Publishes.Add((project, result));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@":\s*warning\s+[A-Z]+[0-9]+\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex WarningLine();
}

[CollectionDefinition(Name)]
public sealed class PublishedCollection : ICollectionFixture<PublishedBinaries>
{
    public const string Name = "published NativeAOT binaries";
}
