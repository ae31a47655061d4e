using Childctl.Testing;

namespace Childctl.Sandbox.Tests.Http;

/// <summary>A bare sandbox that sends watch bookmarks often, so a test can see one without waiting a minute.</summary>
public sealed class WatchSandboxFixture : BareSandboxFixture
{
    protected override SandboxOptions Options => new() { EnableController = false, WatchBookmarkInterval = TimeSpan.FromMilliseconds(200) };
}
