using Childctl.Testing;

namespace Childctl.Aot.Tests;

/// <summary>
/// A private user for the shipped binary: its own HOME, state and history folders, and PATH holding only the
/// install prefix's bin folder and the system folders (for kubectl). <see cref="InstallAsync"/> runs the real
/// <c>childctl install</c> from the published folder into that HOME's <c>~/.local</c>.
/// </summary>
public sealed class InstalledChildctl : IDisposable
{
    private readonly TempDirectory _home = new("childctl-aot");

    public string Home => _home.Path;

    public string Bin => _home.Combine(".local", "bin");

    public string Childctl => Path.Combine(Bin, "childctl");

    public Dictionary<string, string> Environment => new()
    {
        ["HOME"] = Home,
        ["XDG_STATE_HOME"] = _home.Combine("state"),
        ["XDG_DATA_HOME"] = _home.Combine("data"),
        ["XDG_CONFIG_HOME"] = _home.Combine("config"),
        ["KUBECONFIG"] = _home.Combine("kubeconfig"),
        ["KUBECACHEDIR"] = _home.Combine("kube-cache"),
        ["PATH"] = $"{Bin}:/usr/local/bin:/usr/bin:/bin",
        ["SHELL"] = "/bin/bash",
        ["NO_COLOR"] = "1",
    };

    public static async Task<(InstalledChildctl Installed, ProcessResult Result)> InstallAsync(PublishedBinaries published)
    {
        var installed = new InstalledChildctl();
        var result = await ProcessRunner.RunAsync(published.Childctl, ["install"], installed.Environment);
        return (installed, result);
    }

    public Task<ProcessResult> RunAsync(params string[] args) => ProcessRunner.RunAsync(Childctl, args, Environment);

    public Task<ProcessResult> RunFileAsync(string file, params string[] args) => ProcessRunner.RunAsync(file, args, Environment);

    public void Dispose() => _home.Dispose();
}
