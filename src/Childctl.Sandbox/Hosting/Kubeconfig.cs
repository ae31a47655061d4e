using System.Text;

namespace Childctl.Sandbox.Hosting;

/// <summary>Writes the sandbox's kubeconfig: context, cluster and user all named for the sandbox, namespace kcm-system.</summary>
internal static class Kubeconfig
{
    public const string Name = "childctl-sandbox";

    public static string Render(Uri server, string caPem, string user, string token) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {Name}
          cluster:
            server: {server.ToString().TrimEnd('/')}
            certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem))}
        contexts:
        - name: {Name}
          context:
            cluster: {Name}
            user: {user}
            namespace: kcm-system
        current-context: {Name}
        users:
        - name: {user}
          user:
            token: {token}
        preferences: {"{}"}

        """;

    /// <summary>Writes the file readable by its owner only (it holds a bearer token).</summary>
    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        CreatePrivateFolder(Path.GetDirectoryName(full)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(full, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// Missing folders, parents included, 0700 whatever the umask: childctl's rule for every folder it creates (the CLI's
    /// helper lives in Childctl.History, which the sandbox does not reference, so the few lines are repeated here).
    /// </summary>
    private static void CreatePrivateFolder(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (Path.GetDirectoryName(path) is { Length: > 0 } parent)
        {
            CreatePrivateFolder(parent);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(path, owner);
        File.SetUnixFileMode(path, owner);
    }
}
