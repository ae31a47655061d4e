using Microsoft.Extensions.Hosting;

namespace Childctl.Sandbox.Hosting;

/// <summary>
/// Replaces the host's console lifetime: the sandbox is a library as much as a program, so it must not take over
/// the process's Ctrl-C or SIGTERM handling (the executable handles signals itself and disposes the handle).
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
