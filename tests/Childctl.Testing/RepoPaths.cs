namespace Childctl.Testing;

/// <summary>
/// Locates the repository root (the folder holding Childctl.slnx) and the fixtures the tests own under
/// <c>tests/fixtures</c>. Nothing here points outside the clone except <see cref="UpstreamCrds"/>, which only
/// <see cref="UpstreamCrdsFactAttribute"/> tests read, and which skip visibly when it is absent.
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>ClusterDeployments in every phase, a ClusterTemplate and a Credential, written for these tests.</summary>
    public static string K0rdentFixtures => Path.Combine(Root, "tests", "fixtures", "k0rdent");

    /// <summary>
    /// The real upstream k0rdent CRDs, in the reference folder beside the project on development machines and
    /// in CI (the upstream copy under shared/k0rdent/crds), but in no user's clone.
    /// </summary>
    public static string UpstreamCrds => Path.GetFullPath(Path.Combine(Root, "..", "shared", "k0rdent", "crds"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Childctl.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Childctl.slnx above {AppContext.BaseDirectory}");
    }
}
