using System.Text.RegularExpressions;
using Childctl.Testing;

namespace Childctl.Cli.Tests.LiveView;

/// <summary>
/// Golden-file assertions: the expected output lives in <c>tests/Childctl.Cli.Tests/testdata/NAME</c>. Set
/// <c>CHILDCTL_UPDATE_GOLDEN=1</c> to rewrite the files from the actual output (then review the diff).
/// Server-chosen uids and the per-run temp folder are masked so the files are stable.
/// </summary>
internal static partial class Golden
{
    public static void AssertMatches(string name, string actual, params (string Value, string Mask)[] masks)
    {
        var normalized = Normalize(actual, masks);
        var path = Path.Combine(RepoPaths.Root, "tests", "Childctl.Cli.Tests", "testdata", name);
        if (Environment.GetEnvironmentVariable("CHILDCTL_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, normalized);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing: run the tests once with CHILDCTL_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path), normalized);
    }

    private static string Normalize(string text, (string Value, string Mask)[] masks)
    {
        foreach (var (value, mask) in masks)
        {
            text = text.Replace(value, mask, StringComparison.Ordinal);
        }

        return Uuid().Replace(text, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
