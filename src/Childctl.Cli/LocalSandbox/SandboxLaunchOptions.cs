using System.Globalization;

namespace Childctl.Cli.LocalSandbox;

/// <summary>
/// What <c>sandbox up</c> (or the demo) asks of a new sandbox; turned into the executable's flags.
/// <see cref="ViewerKubeconfigPath"/>, when set, gets a kubeconfig with the read-only token (403 on every write).
/// </summary>
internal sealed record SandboxLaunchOptions(int Port, string KubeconfigPath, double Speed, int Clusters, int? Seed, string? ViewerKubeconfigPath = null)
{
    public IEnumerable<string> Arguments()
    {
        yield return "--port";
        yield return Port.ToString(CultureInfo.InvariantCulture);
        yield return "--kubeconfig-out";
        yield return KubeconfigPath;
        yield return "--speed";
        yield return Speed.ToString("R", CultureInfo.InvariantCulture);
        yield return "--clusters";
        yield return Clusters.ToString(CultureInfo.InvariantCulture);
        if (ViewerKubeconfigPath is { } viewer)
        {
            yield return "--read-only-kubeconfig-out";
            yield return viewer;
        }

        if (Seed is { } seed)
        {
            yield return "--seed";
            yield return seed.ToString(CultureInfo.InvariantCulture);
        }
    }
}
