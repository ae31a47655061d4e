using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Childctl.Testing;

/// <summary>
/// Golden files: the whole expected output lives in <c>testdata/</c> of the calling test project. Run the tests with
/// <c>CHILDCTL_UPDATE_GOLDEN=1</c> to write the files from the actual output (then review the diff); otherwise a
/// missing or different file fails the test. Server-chosen uids can be masked so that the files are stable.
/// </summary>
public static partial class Golden
{
    public const string UpdateVariable = "CHILDCTL_UPDATE_GOLDEN";

    public static void Check(string name, string actual, [CallerFilePath] string caller = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var path = Path.Combine(ProjectDirectory(caller), "testdata", name);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing: run the tests once with {UpdateVariable}=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    /// <summary>The result of one run as a golden file records it: the exit code, stdout, then stderr.</summary>
    public static void Check(string name, CliResult result, [CallerFilePath] string caller = "")
    {
        ArgumentNullException.ThrowIfNull(result);
        Check(name, $"exit {result.ExitCode}\n--- stdout\n{result.Stdout}--- stderr\n{result.Stderr}", caller);
    }

    /// <summary>Every uid (a UUID) replaced by the same mask.</summary>
    public static string MaskUids(string text) => Uuid().Replace(text, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");

    /// <summary>The test project's folder: the nearest folder above the calling source file that holds a .csproj.</summary>
    private static string ProjectDirectory(string caller)
    {
        for (var dir = Path.GetDirectoryName(caller); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.EnumerateFiles(dir, "*.csproj").Any())
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"no test project above {caller}");
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();
}
