namespace Childctl.Sandbox.Controller;

/// <summary>The infrastructure providers the sandbox simulates.</summary>
public enum CloudProvider
{
    Azure,
    Aws,
    Gcp,
}
