using System.Diagnostics;
using Childctl.Core.Errors;

namespace Childctl.Cli.LocalSandbox;

/// <summary>
/// Where the childctl-sandbox executable is: <c>$CHILDCTL_SANDBOX_PATH</c>, else next to the childctl binary
/// (the <c>./childctl</c> wrapper and the test build put both in one folder). A <c>.dll</c> runs under the
/// dotnet host.
/// </summary>
internal sealed record SandboxExecutable(string FileName, IReadOnlyList<string> LeadingArguments)
{
    public const string PathVariable = "CHILDCTL_SANDBOX_PATH";
    private const string Name = "childctl-sandbox";

    public static SandboxExecutable Locate(Func<string, string?> environment)
    {
        var explicitPath = environment(PathVariable);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            return File.Exists(full)
                ? For(full, environment)
                : throw ChildctlException.NotFound($"{PathVariable} is {full}, which does not exist; point it at the childctl-sandbox executable or unset it");
        }

        var folder = AppContext.BaseDirectory;
        foreach (var candidate in (string[])[OperatingSystem.IsWindows() ? Name + ".exe" : Name, Name + ".dll"])
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return For(path, environment);
            }
        }

        throw ChildctlException.NotFound(
            $"cannot find {Name} next to childctl in {folder}; build it (the ./childctl wrapper does) or set {PathVariable} to its path");
    }

    /// <summary>The command line that runs the sandbox with <paramref name="arguments"/>.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(FileName) { UseShellExecute = false };
        foreach (var argument in LeadingArguments.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static SandboxExecutable For(string path, Func<string, string?> environment) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new SandboxExecutable(environment("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", [path])
            : new SandboxExecutable(path, []);
}
