using System.Globalization;
using System.Text;
using Childctl.Core.Operations.Kubeconfig;

namespace Childctl.Cli.LocalSandbox;

/// <summary>
/// The sandbox's state folder, <c>$XDG_STATE_HOME/childctl/sandbox</c> (else <c>~/.local/state/childctl/sandbox</c>):
/// the state file, the detached sandbox's log and the default kubeconfig. The folder is 0700 and the files 0600,
/// as the kubeconfig holds a bearer token.
/// </summary>
internal sealed class SandboxStateStore
{
    public SandboxStateStore(Func<string, string?> environment)
    {
        var state = environment("XDG_STATE_HOME");
        if (string.IsNullOrEmpty(state))
        {
            var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            state = Path.Combine(home, ".local", "state");
        }

        Directory = Path.GetFullPath(Path.Combine(state, "childctl", "sandbox"));
    }

    public string Directory { get; }

    public string StateFile => Path.Combine(Directory, "state");

    public string DefaultKubeconfig => Path.Combine(Directory, "kubeconfig");

    /// <summary>The read-only (viewer) kubeconfig <c>sandbox up</c> writes unless told another path.</summary>
    public string DefaultViewerKubeconfig => Path.Combine(Directory, "kubeconfig-viewer");

    public string LogFile => Path.Combine(Directory, "sandbox.log");

    public SandboxState? Read()
    {
        try
        {
            return File.Exists(StateFile) ? SandboxState.Parse(File.ReadAllText(StateFile)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The recorded sandbox if its process is still the one that was started.</summary>
    public SandboxState? ReadRunning() => Read() is { } state && ProcessSignals.IsAlive(state.Pid, state.StartedAt) ? state : null;

    public void Write(SandboxState state)
    {
        EnsureDirectory();
        var temporary = StateFile + ".tmp";
        File.WriteAllText(temporary, state.Serialize());
        Restrict(temporary);
        File.Move(temporary, StateFile, overwrite: true);
    }

    /// <summary>Removes the state file, and the kubeconfigs that are the default ones in this folder.</summary>
    public void Clear(SandboxState? state)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        File.Delete(StateFile);
        if (state is not null && Path.GetFullPath(state.KubeconfigPath) == DefaultKubeconfig)
        {
            File.Delete(DefaultKubeconfig);
        }

        File.Delete(DefaultViewerKubeconfig);
    }

    /// <summary>Creates the folder, and its missing parents, 0700.</summary>
    public void EnsureDirectory() => PrivateFile.CreateFolder(Directory);

    /// <summary>Creates (or empties) a file only its owner can read.</summary>
    public static void CreatePrivateFile(string path)
    {
        File.WriteAllText(path, "");
        Restrict(path);
    }

    private static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

/// <summary>
/// What <c>sandbox up</c> records about the sandbox it started, so that <c>status</c> and <c>down</c> in later
/// invocations can find it. Stored as <c>key=value</c> lines; <see cref="Log"/> is empty for a foreground sandbox.
/// </summary>
internal sealed record SandboxState(int Pid, DateTimeOffset StartedAt, Uri BaseUri, string KubeconfigPath, string Log)
{
    public string Serialize()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"pid={Pid}\n");
        text.Append(CultureInfo.InvariantCulture, $"started={StartedAt.UtcDateTime:O}\n");
        text.Append(CultureInfo.InvariantCulture, $"url={BaseUri.ToString().TrimEnd('/')}\n");
        text.Append(CultureInfo.InvariantCulture, $"kubeconfig={KubeconfigPath}\n");
        text.Append(CultureInfo.InvariantCulture, $"log={Log}\n");
        return text.ToString();
    }

    /// <summary>Reads a state file's text; null when it is incomplete or damaged (it is then treated as absent).</summary>
    public static SandboxState? Parse(string text)
    {
        var values = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
        if (!values.TryGetValue("pid", out var pidText) || !int.TryParse(pidText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || !values.TryGetValue("started", out var startedText)
            || !DateTimeOffset.TryParse(startedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
            || !values.TryGetValue("url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !values.TryGetValue("kubeconfig", out var kubeconfig))
        {
            return null;
        }

        return new SandboxState(pid, started, uri, kubeconfig, values.GetValueOrDefault("log") ?? "");
    }
}
