using Childctl.Testing;

namespace Childctl.Cli.Tests.History;

/// <summary>Expected outputs under testdata/; CHILDCTL_UPDATE_GOLDEN=1 rewrites them from the actual output.</summary>
internal static class Golden
{
    public static void Check(string name, string actual)
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "Childctl.Cli.Tests", "testdata", name);
        if (Environment.GetEnvironmentVariable("CHILDCTL_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"missing golden file {path}: run with CHILDCTL_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
