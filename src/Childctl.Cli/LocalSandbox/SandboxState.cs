using System.Globalization;
using System.Text;

namespace Childctl.Cli.LocalSandbox;

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
