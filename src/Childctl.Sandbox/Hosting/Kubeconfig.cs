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
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
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
}
