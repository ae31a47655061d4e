using Childctl.Sandbox.Api;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.ChildApi;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Faults;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Builder;

namespace Childctl.Sandbox.Hosting;

/// <summary>
/// A running sandbox: where it listens, how to reach it (tokens, CA, kubeconfig), its store and its faults.
/// Disposing it ends open watches, stops the server and the simulated k0rdent world.
/// </summary>
public sealed class SandboxHandle : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ApiServices _api;
    private readonly ResourceRegistry _registry;
    private readonly RunningWorld _world;
    private readonly IDisposable _certificate;
    private readonly ChildEndpoints _children;
    private int _disposed;

    internal SandboxHandle(WebApplication app, ApiServices api, ResourceRegistry registry, RunningWorld world, IDisposable certificate, int port, string caPem,
        ChildEndpoints children)
    {
        _children = children;
        _app = app;
        _api = api;
        _registry = registry;
        _world = world;
        _certificate = certificate;
        Port = port;
        CaPem = caPem;
        BaseUri = new Uri($"https://127.0.0.1:{port}/");
    }

    public Uri BaseUri { get; }

    public int Port { get; }

    public string AdminToken => _api.Tokens.AdminToken;

    public string ReadOnlyToken => _api.Tokens.ReadOnlyToken;

    /// <summary>The serving certificate in PEM, which is also the kubeconfig's certificate authority.</summary>
    public string CaPem { get; }

    /// <summary>The objects behind the API; writes here are seen by API clients and watches at once.</summary>
    public ObjectStore Store => _api.Store;

    public SandboxFaults Faults => _api.Faults;

    /// <summary>Completes when the simulated controller has caught up (with a fake <see cref="SandboxOptions.TimeProvider"/>, after advancing it).</summary>
    public Task WhenIdleAsync() => _world.WhenIdleAsync();

    /// <summary>The listener of the child clusters' API, which every child kubeconfig points into.</summary>
    public Uri ChildApiUri => _children.Access.BaseUri;

    /// <summary>The CA of the child clusters' API (the certificate-authority-data of every child kubeconfig), in PEM.</summary>
    public string ChildCaPem => _children.Access.CaPem;

    /// <summary>Writes a kubeconfig, mode 0600, for a user who may read everything and delete ClusterDeployments but change nothing.</summary>
    public void WriteDeleterKubeconfig(string path) =>
        Kubeconfig.Write(path, Kubeconfig.Render(BaseUri, CaPem, TokenAuthenticator.Deleter.Name, _api.Tokens.DeleterToken));

    /// <summary>Writes a kubeconfig for the admin (or, with <paramref name="readOnly"/>, the viewer) with mode 0600.</summary>
    public void WriteKubeconfig(string path, bool readOnly = false)
    {
        var user = readOnly ? TokenAuthenticator.Viewer.Name : TokenAuthenticator.Admin.Name;
        Kubeconfig.Write(path, Kubeconfig.Render(BaseUri, CaPem, user, readOnly ? ReadOnlyToken : AdminToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _api.Stop();
        await _app.StopAsync();
        await _world.DisposeAsync();
        await _children.Server.DisposeAsync();
        _children.Access.Dispose();
        await _app.DisposeAsync();
        _registry.Dispose();
        _api.Dispose();
        _certificate.Dispose();
    }
}

/// <summary>The child API's server and what it serves with.</summary>
internal sealed record ChildEndpoints(ChildApiServer Server, ChildAccess Access);
