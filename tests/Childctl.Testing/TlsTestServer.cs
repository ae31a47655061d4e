using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Childctl.Testing;

/// <summary>
/// A minimal HTTPS/1.1 server on 127.0.0.1 that asks for a client certificate (unlike the sandbox) and records, per
/// request, what a client sent: SNI host name, client certificate, request line and headers. Every request gets
/// <c>200</c> with <see cref="Body"/>, unless <see cref="Respond"/> says otherwise; gzip-encoded when the client asks
/// for it and <see cref="Gzip"/> is set. For tests of the TLS, credential and header set-up, not of the API.
/// </summary>
public sealed class TlsTestServer(X509Certificate2 certificate) : LoopbackServer
{
    public Uri BaseUri => new($"https://127.0.0.1:{Port}");

    public string Body { get; set; } = """{"kind":"Thing","metadata":{"name":"x","uid":"u-1"}}""";

    public List<SeenRequest> Requests { get; } = [];

    /// <summary>The status and body for a request, when not 200 and <see cref="Body"/>.</summary>
    public Func<SeenRequest, (int Status, string Body)>? Respond { get; set; }

    /// <summary>Compress bodies with gzip for clients that send Accept-Encoding: gzip.</summary>
    public bool Gzip { get; set; }

    protected override async Task ServeAsync(TcpClient client)
    {
        await using var tls = new SslStream(client.GetStream());
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            ClientCertificateRequired = true,
#pragma warning disable CA5359 // a test server: it records whichever client certificate comes, or none, and never trusts it
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
        }, Stopping);
        var seen = new SeenRequest(tls.TargetHostName, tls.RemoteCertificate?.Subject, await ReadHeadAsync(tls));
        lock (Requests)
        {
            Requests.Add(seen);
        }

        await tls.WriteAsync(Answer(seen), Stopping);
    }

    private byte[] Answer(SeenRequest seen)
    {
        var (status, text) = Respond?.Invoke(seen) ?? (200, Body);
        var body = Encoding.UTF8.GetBytes(text);
        var encoding = string.Empty;
        if (Gzip && seen.Header("Accept-Encoding")?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true)
        {
            using var packed = new MemoryStream();
            using (var zip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal))
            {
                zip.Write(body);
            }

            body = packed.ToArray();
            encoding = "Content-Encoding: gzip\r\n";
        }

        var head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Status")}\r\nContent-Type: application/json\r\n{encoding}Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }
}

/// <summary>One request as <see cref="TlsTestServer"/> saw it.</summary>
public sealed record SeenRequest(string SniHostName, string? ClientCertificateSubject, string Head)
{
    public string? Header(string name) => Headers(name) is [var first, ..] ? first : null;

    /// <summary>Every value of a header sent more than once (or as one comma-joined line), in order.</summary>
    public IReadOnlyList<string> Headers(string name) => Head.Split("\r\n")
        .Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
        .Select(l => l[(name.Length + 1)..].Trim())
        .ToList();
}
