using Childctl.Sandbox;

namespace Childctl.Testing;

/// <summary>A sandbox without the simulated k0rdent controller or seeded objects: objects stay exactly as tests write them.</summary>
public class BareSandboxFixture : SandboxFixture
{
    protected override SandboxOptions Options => new() { EnableController = false };
}
