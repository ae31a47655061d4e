namespace Childctl.Core.Kubernetes.Config;

/// <summary>
/// A user's <c>exec</c> credential plugin (client-go's ExecConfig). <see cref="Command"/> is absolute when the
/// kubeconfig gave a path with a slash (resolved against the kubeconfig's folder), else a name looked up in PATH.
/// </summary>
internal sealed record ExecPluginConfig(string Command, string ApiVersion)
{
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Variables added to the plugin's environment, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    public string? InstallHint { get; init; }

    public bool ProvideClusterInfo { get; init; }

    /// <summary>Never, IfAvailable or Always; IfAvailable when the kubeconfig leaves it out.</summary>
    public string InteractiveMode { get; init; } = "IfAvailable";
}
