using Childctl.Sandbox.Hosting;
using Childctl.Sandbox.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Childctl.Sandbox.Tests.ChildApi;

/// <summary>
/// A served sandbox with the simulated controller on a fake clock, for kubectl tests that need clusters to provision:
/// advance the clock, wait until the controller is idle, then look. No test sleeps.
/// </summary>
public sealed class FakeTimeSandboxFixture : IAsyncLifetime
{
    private SandboxHandle? _handle;
    private DirectoryInfo? _directory;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 9, 2, 9, 0, 0, TimeSpan.Zero));

    public SandboxHandle Handle => _handle ?? throw new InvalidOperationException("the sandbox is not started");

    public ObjectStore Store => Handle.Store;

    public string Directory => _directory?.FullName ?? throw new InvalidOperationException("the sandbox is not started");

    public string KubeconfigPath => Path.Combine(Directory, "kubeconfig");

    public Testing.Kubectl Kubectl => new(KubeconfigPath, Path.Combine(Directory, "kube-cache"));

    /// <summary>kubectl on another kubeconfig (a child's), with its own discovery cache.</summary>
    public Testing.Kubectl KubectlWith(string kubeconfig) => new(kubeconfig, Path.Combine(Directory, "kube-cache-" + Path.GetFileName(kubeconfig)));

    /// <summary>
    /// Lets the controller finish what it was given (a kubectl write queues work it has not yet done) at the current
    /// time, then moves the clock and waits again: a reconcile straddling the jump would set its timers past the new time.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        await Handle.WhenIdleAsync();
        Time.Advance(by);
        await Handle.WhenIdleAsync();
    }

    public async Task InitializeAsync()
    {
        _directory = System.IO.Directory.CreateTempSubdirectory("childctl-sandbox-child-test-");
        _handle = await SandboxHost.StartAsync(new SandboxOptions { Port = 0, TimeProvider = Time });
        await _handle.WhenIdleAsync();
        _handle.WriteKubeconfig(KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
    }
}
