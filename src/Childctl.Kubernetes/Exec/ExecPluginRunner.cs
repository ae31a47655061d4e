using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Childctl.Kubernetes.Config;
using Childctl.Kubernetes.Transport;

namespace Childctl.Kubernetes.Exec;

/// <summary>
/// Runs an exec credential plugin once, as client-go does: the command with its args, the environment plus the
/// kubeconfig's <c>env</c> and <c>KUBERNETES_EXEC_INFO</c>; stdout (the credential) is captured and never shown,
/// stderr goes straight to the user's, stdin is the user's only when the plugin may prompt. Cancelling kills it.
/// </summary>
internal static class ExecPluginRunner
{
    public const string ExecInfoVariable = "KUBERNETES_EXEC_INFO";

    public static async Task<IssuedCredential> RunAsync(ExecPluginConfig plugin, string user, ExecClusterInfo cluster, bool interactive, CancellationToken cancellationToken)
    {
        using var process = Start(plugin, user, StartInfo(plugin, cluster, interactive));
        try
        {
            if (!interactive)
            {
                process.StandardInput.Close();
            }

            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw ExecPluginErrors.Failed(plugin, user, $"exited with code {process.ExitCode} (its own messages, if any, are above)");
            }

            return ExecCredentialReader.Read(output, plugin, user);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(ExecPluginConfig plugin, ExecClusterInfo cluster, bool interactive)
    {
        var start = new ProcessStartInfo(plugin.Command)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardInput = !interactive,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in plugin.Args)
        {
            start.ArgumentList.Add(arg);
        }

        SystemCaBundle.RestoreInto(start.Environment);
        foreach (var (name, value) in plugin.Env)
        {
            start.Environment[name] = value;
        }

        var request = new ExecCredentialRequest(plugin.ApiVersion, new ExecCredentialSpec(interactive, plugin.ProvideClusterInfo ? cluster : null));
        start.Environment[ExecInfoVariable] = JsonSerializer.Serialize(request, ExecJsonContext.Default.ExecCredentialRequest);
        return start;
    }

    private static Process Start(ExecPluginConfig plugin, string user, ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw ExecPluginErrors.NotStarted(plugin, user, "no process");
        }
        catch (Win32Exception e)
        {
            throw ExecPluginErrors.NotStarted(plugin, user, e.Message);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }
}

/// <summary>
/// The errors of exec credential plugins, each naming the plugin and the kubeconfig user. What a plugin printed is
/// never quoted: its output is a credential.
/// </summary>
internal static class ExecPluginErrors
{
    /// <summary>The plugin cannot run at all (not installed, not executable): the kubeconfig or the machine needs fixing.</summary>
    public static KubernetesException NotStarted(ExecPluginConfig plugin, string user, string why) => new(KubernetesErrorKind.InvalidInput,
        $"the credential plugin \"{plugin.Command}\" of kubeconfig user \"{user}\" could not be started ({why}): " +
        (string.IsNullOrWhiteSpace(plugin.InstallHint) ? "install it or fix the exec command in the kubeconfig" : OneLine(plugin.InstallHint)));

    /// <summary>The plugin ran but gave no usable credential.</summary>
    public static KubernetesException Failed(ExecPluginConfig plugin, string user, string what) => new(KubernetesErrorKind.PermissionDenied,
        $"the credential plugin \"{plugin.Command}\" of kubeconfig user \"{user}\" {what}; run it by hand to see why, or fix the user's exec section");

    /// <summary>The kubeconfig's exec section itself is wrong.</summary>
    public static KubernetesException Misconfigured(ExecPluginConfig plugin, string user, string what) => KubernetesException.InvalidInput(
        $"the exec credential plugin of kubeconfig user \"{user}\" ({(plugin.Command.Length == 0 ? "no command" : plugin.Command)}) {what}");

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
