using Childctl.Sandbox;
using Childctl.Sandbox.Faults;
using Childctl.Sandbox.Hosting;
using Childctl.Sandbox.Storage;
using Xunit;

namespace Childctl.Testing;

/// <summary>
/// An in-process sandbox on a free port for one test class (use as an xunit class fixture): HTTPS API, a
/// kubeconfig for the admin and one for the read-only viewer in a private temp folder, and a kubectl runner with
/// its own discovery cache. Override <see cref="Options"/> to change the controller or the speed.
/// </summary>
public class SandboxFixture : IAsyncLifetime
{
    private SandboxHandle? _handle;
    private DirectoryInfo? _directory;

    /// <summary>The sandbox's options; the port is always 0 (a free one).</summary>
    protected virtual SandboxOptions Options => new() { EnableController = true, Speed = 1 };

    public SandboxHandle Handle => _handle ?? throw new InvalidOperationException("the sandbox is not started");

    public ObjectStore Store => Handle.Store;

    public SandboxFaults Faults => Handle.Faults;

    public string KubeconfigPath => Path.Combine(Directory, "kubeconfig");

    public string ReadOnlyKubeconfigPath => Path.Combine(Directory, "kubeconfig-viewer");

    /// <summary>A private folder for the class's files; deleted with the fixture.</summary>
    public string Directory => _directory?.FullName ?? throw new InvalidOperationException("the sandbox is not started");

    public Kubectl Kubectl => new(KubeconfigPath, Path.Combine(Directory, "kube-cache"));

    public Kubectl ReadOnlyKubectl => new(ReadOnlyKubeconfigPath, Path.Combine(Directory, "kube-cache-viewer"));

    public virtual async Task InitializeAsync()
    {
        var options = Options;
        _directory = System.IO.Directory.CreateTempSubdirectory("childctl-sandbox-test-");
        _handle = await SandboxHost.StartAsync(new SandboxOptions
        {
            Port = 0,
            Speed = options.Speed,
            Clusters = options.Clusters,
            EnableController = options.EnableController,
            RandomSeed = options.RandomSeed,
            WatchBookmarkInterval = options.WatchBookmarkInterval,
        });
        _handle.WriteKubeconfig(KubeconfigPath);
        _handle.WriteKubeconfig(ReadOnlyKubeconfigPath, readOnly: true);
    }

    public virtual async Task DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
    }
}
