namespace Childctl.Testing;

/// <summary>Locates the repository root (the folder holding Childctl.slnx) and the read-only ../shared reference.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>The shared reference folder beside the project root (DESIGN.md, the real k0rdent CRDs, examples).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string SharedCrds => Path.Combine(Shared, "k0rdent", "crds");

    public static string SharedExamples => Path.Combine(Shared, "k0rdent", "examples");

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
