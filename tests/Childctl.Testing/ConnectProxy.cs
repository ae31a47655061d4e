using System.Net.Sockets;

namespace Childctl.Testing;

/// <summary>
/// A logging HTTP CONNECT proxy on 127.0.0.1, as a corporate proxy would be: it records each CONNECT target
/// (<c>host:port</c>) and tunnels it to that port on the loopback address, whatever the host name, so tests can use
/// names that no DNS knows (the client never resolves them: the proxy does). Anything but CONNECT gets a 405.
/// </summary>
public sealed class ConnectProxy : TunnelingProxy
{
    public override Uri Uri => new($"http://127.0.0.1:{Port}");

    protected override async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var head = await ReadHeadAsync(stream);
        var parts = head.Split(' ', 3);
        if (parts is not ["CONNECT", var target, _] || !int.TryParse(target[(target.LastIndexOf(':') + 1)..], out var port))
        {
            await stream.WriteAsync("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), Stopping);
            return;
        }

        await TunnelAsync(stream, target, port, async () => await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), Stopping));
    }
}
