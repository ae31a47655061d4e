using Childctl.Kubernetes.Config;

namespace Childctl.Kubernetes.Exec;

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
