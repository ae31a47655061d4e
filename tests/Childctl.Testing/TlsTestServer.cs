using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Childctl.Testing;

/// <summary>
/// A minimal HTTPS/1.1 server on 127.0.0.1 that asks for a client certificate (unlike the sandbox) and records, per
/// request, what a client sent: SNI host name, client certificate, request line and headers. Every request gets
/// <c>200</c> with <see cref="Body"/>. For tests of the TLS and credential set-up, not of the API.
/// </summary>
public sealed class TlsTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TlsTestServer(X509Certificate2 certificate)
    {
        _certificate = certificate;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseUri => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public string Body { get; set; } = """{"kind":"Thing","metadata":{"name":"x","uid":"u-1"}}""";

    public List<SeenRequest> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        await using (var tls = new SslStream(client.GetStream()))
        {
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    ClientCertificateRequired = true,
#pragma warning disable CA5359 // a test server: it records whichever client certificate comes, or none, and never trusts it
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
                }, _stop.Token);
                var head = await ReadHeadAsync(tls);
                lock (Requests)
                {
                    Requests.Add(new SeenRequest(tls.TargetHostName, tls.RemoteCertificate?.Subject, head));
                }

                var body = Encoding.UTF8.GetBytes(Body);
                var answer = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(answer).Concat(body).ToArray(), _stop.Token);
            }
            catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException)
            {
                // A client that gave up on the handshake (a test of a failing one) or a stopping server.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(buffer) == 1)
        {
            head.Append((char)buffer[0]);
        }

        return head.ToString();
    }
}

/// <summary>One request as <see cref="TlsTestServer"/> saw it.</summary>
public sealed record SeenRequest(string SniHostName, string? ClientCertificateSubject, string Head)
{
    public string? Header(string name) => Head.Split("\r\n")
        .FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
}
