using System.Net;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api;
using Childctl.Sandbox.ChildApi;
using Childctl.Sandbox.Controller;
using Childctl.Sandbox.Faults;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Childctl.Sandbox.Hosting;

/// <summary>
/// Starts a sandbox in this process: store, served kinds, the child clusters' API (its own listener, started first so
/// the seeded kubeconfigs can point at it), the simulated k0rdent world, and Kestrel on 127.0.0.1 over HTTPS.
/// </summary>
public static class SandboxHost
{
    public static async Task<SandboxHandle> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = options.TimeProvider ?? TimeProvider.System;
        var store = new ObjectStore(time);
        var registry = new ResourceRegistry(store);
        var api = new ApiServices(store, registry, new SandboxFaults(options.RandomSeed), new TokenAuthenticator(), time, options.WatchBookmarkInterval);
        var certificate = SelfSignedCertificate.Create(TimeProvider.System); // clients check it against the real clock
        var app = BuildApp(options.Port, certificate, new ApiHandler(api));
        var children = ChildAccess.Create(TimeProvider.System, new Uri("https://127.0.0.1/"));
        ChildApiServer? childApi = null;
        RunningWorld? world = null;
        try
        {
            childApi = await ChildApiServer.StartAsync(store, children, time, cancellationToken);
            world = SandboxWorld.Start(store, options, time, new WorldHooks(api.Webhooks, children));
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            if (world is not null)
            {
                await world.DisposeAsync();
            }

            if (childApi is not null)
            {
                await childApi.DisposeAsync();
            }

            await app.DisposeAsync();
            registry.Dispose();
            api.Dispose();
            certificate.Dispose();
            children.Dispose();
            throw;
        }

        return new SandboxHandle(app, api, registry, world, certificate, BoundPort(app), certificate.ExportCertificatePem(), new ChildEndpoints(childApi, children));
    }

    private static WebApplication BuildApp(int port, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, ApiHandler handler)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "childctl-sandbox" });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        return app;
    }

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("the sandbox is not listening");
        return new Uri(address).Port;
    }
}

/// <summary>
/// Replaces the host's console lifetime: the sandbox is a library as much as a program, so it must not take over
/// the process's Ctrl-C or SIGTERM handling (the executable handles signals itself and disposes the handle).
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
