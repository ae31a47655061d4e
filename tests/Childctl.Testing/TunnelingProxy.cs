using System.Net;
using System.Net.Sockets;

namespace Childctl.Testing;

/// <summary>
/// What the logging proxies share (<see cref="ConnectProxy"/>, <see cref="Socks5Proxy"/>): the targets clients asked
/// for, in order, and the tunnel itself, to that port on the loopback address whatever host the client named (so tests
/// can use names no DNS knows: the client never resolves them, the proxy does).
/// </summary>
public abstract class TunnelingProxy : LoopbackServer
{
    private readonly List<string> _targets = [];

    /// <summary>The proxy's URL, as a kubeconfig's proxy-url or HTTPS_PROXY names it.</summary>
    public abstract Uri Uri { get; }

    /// <summary>The targets (<c>host:port</c>) tunnelled so far, in order.</summary>
    public IReadOnlyList<string> Targets
    {
        get
        {
            lock (_targets)
            {
                return [.. _targets];
            }
        }
    }

    /// <summary>
    /// Records <paramref name="target"/>, connects to <paramref name="port"/> on loopback, calls
    /// <paramref name="connected"/> (the proxy's reply to the client), then relays both ways until one side hangs up.
    /// </summary>
    protected async Task TunnelAsync(Stream client, string target, int port, Func<Task> connected)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(connected);
        lock (_targets)
        {
            _targets.Add(target);
        }

        using var upstream = new TcpClient();
        await upstream.ConnectAsync(IPAddress.Loopback, port, Stopping);
        await connected();
        var remote = upstream.GetStream();
        await Task.WhenAny(client.CopyToAsync(remote, Stopping), remote.CopyToAsync(client, Stopping));
    }
}
