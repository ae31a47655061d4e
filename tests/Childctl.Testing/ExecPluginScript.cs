namespace Childctl.Testing;

/// <summary>
/// Tiny exec credential plugins for tests: POSIX shell scripts that record each run and print an ExecCredential.
/// They run as real child processes, the way kubectl and childctl start plugins.
/// </summary>
public static class ExecPluginScript
{
    public const string V1 = "client.authentication.k8s.io/v1";

    /// <summary>Writes an executable script <paramref name="name"/> in <paramref name="folder"/> with the given body.</summary>
    public static string Write(string folder, string name, string body)
    {
        var path = System.IO.Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>
    /// A plugin that appends a line to <c>runs</c>, saves its KUBERNETES_EXEC_INFO, arguments and SSL_CERT_FILE next to it,
    /// and prints <paramref name="status"/> (a JSON object) as the status of an ExecCredential of <paramref name="apiVersion"/>.
    /// </summary>
    public static string Token(string folder, string status, string apiVersion = V1) => Write(folder, "plugin.sh", $$"""
        here="$(dirname "$0")"
        echo run >> "$here/runs"
        printf '%s' "$KUBERNETES_EXEC_INFO" > "$here/exec-info"
        printf '%s\n' "$@" > "$here/args"
        printf '%s' "${SSL_CERT_FILE-unset}" > "$here/ssl-cert-file"
        cat <<'JSON'
        {"apiVersion":"{{apiVersion}}","kind":"ExecCredential","status":{{status}}}
        JSON
        """);

    /// <summary>How many times the plugin written by <see cref="Token"/> ran.</summary>
    public static int Runs(string folder)
    {
        var runs = System.IO.Path.Combine(folder, "runs");
        return File.Exists(runs) ? File.ReadAllLines(runs).Length : 0;
    }
}
