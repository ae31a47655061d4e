using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Childctl.Testing;

/// <summary>
/// A logging SOCKS5 proxy on 127.0.0.1 (RFC 1928, no authentication, CONNECT only): it records each target
/// (<c>host:port</c>, the host as the client sent it: a name, or an address) and relays it to that port on the loopback
/// address, as <see cref="ConnectProxy"/> does for HTTP CONNECT. Anything else is refused with the protocol's replies.
/// </summary>
public sealed class Socks5Proxy : TunnelingProxy
{
    private const byte Version = 5;
    public override Uri Uri => new($"socks5://127.0.0.1:{Port}");

    protected override async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var greeting = await ReadAsync(stream, 2);
        var methods = await ReadAsync(stream, greeting[1]);
        if (greeting[0] != Version || !methods.Contains((byte)0))
        {
            await stream.WriteAsync(new byte[] { Version, 0xFF }, Stopping); // no acceptable method
            return;
        }

        await stream.WriteAsync(new byte[] { Version, 0 }, Stopping);
        var request = await ReadAsync(stream, 4);
        var host = request[3] switch
        {
            1 => new IPAddress(await ReadAsync(stream, 4)).ToString(),
            3 => Encoding.ASCII.GetString(await ReadAsync(stream, (await ReadAsync(stream, 1))[0])),
            4 => $"[{new IPAddress(await ReadAsync(stream, 16))}]",
            _ => null,
        };
        var port = BinaryPrimitives.ReadUInt16BigEndian(await ReadAsync(stream, 2));
        if (request[0] != Version || request[1] != 1 || host is null)
        {
            await stream.WriteAsync(Reply(request[1] != 1 ? (byte)7 : (byte)8), Stopping); // command / address type not supported
            return;
        }

        await TunnelAsync(stream, $"{host}:{port}", port, async () => await stream.WriteAsync(Reply(0), Stopping));
    }

    /// <summary>A reply with its status, bound to 0.0.0.0:0 (the client has no use for the address).</summary>
    private static byte[] Reply(byte status) => [Version, status, 0, 1, 0, 0, 0, 0, 0, 0];

    private async Task<byte[]> ReadAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, Stopping);
        return buffer;
    }
}
