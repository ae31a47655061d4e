namespace Childctl.Sandbox;

/// <summary>
/// The Kubernetes version the sandbox claims. Minor 32 matters: the kubectl on our machines is a dispatcher that
/// runs the kubectl matching the server's minor version.
/// </summary>
public static class SandboxVersion
{
    public const string Major = "1";
    public const string Minor = "32";
    public const string GitVersion = "v1.32.4-childctl-sandbox";

    /// <summary>The k0rdent release the simulated management cluster runs: its Release object and version.</summary>
    public const string K0rdentRelease = "kcm-1-1-0";

    public const string K0rdentVersion = "1.1.0";
}
