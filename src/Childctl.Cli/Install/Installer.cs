using System.Runtime.CompilerServices;
using Childctl.Core.Errors;

namespace Childctl.Cli.Install;

/// <summary>What <c>childctl install</c> is asked to do: where, for which shell, from which folder of binaries.</summary>
internal sealed record InstallRequest(string BinDirectory, string? Shell, string SourceDirectory);

/// <summary>One thing the installer put in place, for the summary it prints.</summary>
internal sealed record InstalledItem(string What, string Path);

/// <summary>
/// Puts the NativeAOT <c>childctl</c> and <c>childctl-sandbox</c> into a bin folder, the kubectl plugin links beside
/// them (<c>kubectl-childctl</c>, which kubectl runs for <c>kubectl childctl …</c>, and
/// <c>kubectl_complete-childctl</c>, which kubectl runs to complete it), and the completion script where the user's
/// shell loads it on its own. Each file is written beside its target and renamed into place, so an interrupted
/// install leaves the previous version working, and installing again upgrades in place.
/// </summary>
internal static class Installer
{
    public const string PluginName = "kubectl-childctl";
    public const string PluginCompletionName = "kubectl_complete-childctl";
    private static readonly string[] Binaries = ["childctl", "childctl-sandbox"];
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>True in the NativeAOT binary, the only build worth installing (the JIT build needs its folder of DLLs).</summary>
    public static bool IsNativeBuild => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>The shell to install completion for: the one asked for, else the login shell's name from <c>$SHELL</c>.</summary>
    public static string? ShellFrom(string? requested, string? shellVariable)
    {
        var shell = requested ?? (string.IsNullOrEmpty(shellVariable) ? null : Path.GetFileName(shellVariable));
        return shell is "bash" or "zsh" or "fish" or "none" ? shell : null;
    }

    public static IReadOnlyList<InstalledItem> Install(InstallRequest request, Func<string, string?> environment, string completionScript)
    {
        foreach (var name in Binaries)
        {
            if (!File.Exists(Path.Combine(request.SourceDirectory, name)))
            {
                throw ChildctlException.NotFound($"{name} is not in {request.SourceDirectory}; install copies the NativeAOT build of both executables from the folder childctl runs from");
            }
        }

        var installed = new List<InstalledItem>();
        CreateFolder(request.BinDirectory);
        foreach (var name in Binaries)
        {
            var target = Path.Combine(request.BinDirectory, name);
            if (!SamePath(Path.Combine(request.SourceDirectory, name), target))
            {
                ReplaceWith(target, temp => File.Copy(Path.Combine(request.SourceDirectory, name), temp));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(target, Executable);
                }
            }

            installed.Add(new InstalledItem(name, target));
        }

        foreach (var link in (string[])[PluginName, PluginCompletionName])
        {
            var path = Path.Combine(request.BinDirectory, link);
            ReplaceWith(path, temp => File.CreateSymbolicLink(temp, "childctl"));
            installed.Add(new InstalledItem(link == PluginName ? "kubectl plugin" : "kubectl plugin completion", path));
        }

        if (CompletionPath(request.Shell, environment) is { } completion)
        {
            CreateFolder(Path.GetDirectoryName(completion)!);
            ReplaceWith(completion, temp => File.WriteAllText(temp, completionScript + "\n"));
            installed.Add(new InstalledItem($"{request.Shell} completion", completion));
        }

        return installed;
    }

    /// <summary>Where each shell looks for completion files without any line in the user's rc file (zsh needs its fpath).</summary>
    public static string? CompletionPath(string? shell, Func<string, string?> environment)
    {
        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var data = NonEmpty(environment("XDG_DATA_HOME")) ?? Path.Combine(home, ".local", "share");
        var config = NonEmpty(environment("XDG_CONFIG_HOME")) ?? Path.Combine(home, ".config");
        return shell switch
        {
            "bash" => Path.Combine(data, "bash-completion", "completions", "childctl"),
            "zsh" => Path.Combine(data, "zsh", "site-functions", "_childctl"),
            "fish" => Path.Combine(config, "fish", "completions", "childctl.fish"),
            _ => null,
        };
    }

    /// <summary>True when <paramref name="directory"/> is one of the folders of <c>$PATH</c>.</summary>
    public static bool OnPath(string directory, string? pathVariable) =>
        (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(p => SamePath(p, directory));

    private static void ReplaceWith(string path, Action<string> writeTemp)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.Delete(temp);
            writeTemp(temp);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new ChildctlException(ErrorKind.General, $"cannot write {path}: {e.Message}", e);
        }
    }

    private static void CreateFolder(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ChildctlException(ErrorKind.General, $"cannot create the folder {path}: {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the install already reports the error that matters.
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
