using Childctl.Testing;

namespace Childctl.History.Tests;

/// <summary>
/// Expected outputs under testdata/. Set CHILDCTL_UPDATE_GOLDEN=1 to rewrite them from the actual output
/// (then review the diff); otherwise a missing file fails the test.
/// </summary>
internal static class Golden
{
    private static string SourceDir => Path.Combine(RepoPaths.Root, "tests", "Childctl.History.Tests", "testdata");

    public static string Read(string name) => File.ReadAllText(Path.Combine(SourceDir, name));

    public static void Check(string name, string actual)
    {
        var path = Path.Combine(SourceDir, name);
        if (Environment.GetEnvironmentVariable("CHILDCTL_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }
}
