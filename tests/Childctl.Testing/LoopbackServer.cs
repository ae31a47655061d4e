using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Childctl.Testing;

/// <summary>
/// What the loopback stubs share (<see cref="TlsTestServer"/>, and through <see cref="TunnelingProxy"/> the proxies):
/// a listener on 127.0.0.1 on a free port, one task per accepted connection, a stop that ends them all, the reading of an
/// HTTP head, and the relaying of a tunnel to a loopback port.
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    protected LoopbackServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Cancelled when the server stops.</summary>
    protected CancellationToken Stopping => _stop.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Serves one connection; the client is disposed afterwards.</summary>
    protected abstract Task ServeAsync(TcpClient client);

    /// <summary>An HTTP head, up to and with its blank line, read byte by byte so that nothing after it is consumed.</summary>
    protected static async Task<string> ReadHeadAsync(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
        {
            head.Append((char)buffer[0]);
        }

        return head.ToString();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeOneAsync(client);
        }
    }

    private async Task ServeOneAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ServeAsync(client);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                or System.Security.Authentication.AuthenticationException)
            {
                // A client or server that hung up (or gave up on a handshake, in a test of a failing one), or a stopping server.
            }
        }
    }
}
