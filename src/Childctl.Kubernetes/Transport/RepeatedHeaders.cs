using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Childctl.Kubernetes.Transport;

/// <summary>
/// Sends one header line per value, as Go's <c>Header.Add</c> does and as the API server reads Impersonate-Group and
/// Impersonate-Extra-*: each line is one group or one value. .NET's HTTP client cannot: the values of one header name go
/// out as one comma-joined line (<c>Impersonate-Group: a, b</c>) over HTTP/1.1 and as one joined field over HTTP/2,
/// which the API server takes for a single group named "a, b". So every value after a name's first is put on the request under an alias, a name no server knows
/// (<c>X-Childctl-&lt;nonce&gt;-&lt;n&gt;-Impersonate-Group</c>, the nonce random per process), and the connection's
/// plaintext stream (<see cref="SocketsHttpHandler.PlaintextStreamFilter"/>, inside TLS) turns each alias line back into
/// the real name on its own line before the bytes leave. HTTP/1.1 only, where a request head is plain text and is
/// written whole in one write (the handler's buffer holds the head); a connection that negotiated anything else is
/// refused rather than sent the aliases.
/// </summary>
internal static class RepeatedHeaders
{
    private static readonly string Prefix = $"X-Childctl-{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}-";

    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("\r\n" + Prefix);

    /// <summary>Adds every value of <paramref name="name"/> so that each reaches the server as its own header line.</summary>
    public static void Add(HttpRequestHeaders headers, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(values);
        var index = 0;
        foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)))
        {
            headers.TryAddWithoutValidation(index == 0 ? name : $"{Prefix}{index}-{name}", value);
            index++;
        }
    }

    /// <summary>The filter for <see cref="SocketsHttpHandler.PlaintextStreamFilter"/> that restores the aliased lines.</summary>
    public static ValueTask<Stream> FilterAsync(SocketsHttpPlaintextStreamFilterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NegotiatedHttpVersion != System.Net.HttpVersion.Version11)
        {
            throw new HttpRequestException(
                $"the connection negotiated HTTP/{context.NegotiatedHttpVersion}, where childctl cannot send one header line per impersonated group; it needs HTTP/1.1");
        }

        return ValueTask.FromResult<Stream>(new UnaliasingStream(context.PlaintextStream));
    }

    /// <summary>The bytes with every alias line's name turned back into the real one (the same array when there is none).</summary>
    internal static ReadOnlyMemory<byte> Unalias(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var at = span.IndexOf(Marker);
        if (at < 0)
        {
            return bytes;
        }

        var output = new List<byte>(span.Length);
        while (at >= 0)
        {
            output.AddRange(span[..(at + 2)]);
            span = span[(at + Marker.Length)..];
            var skip = 0;
            while (skip < span.Length && char.IsAsciiDigit((char)span[skip]))
            {
                skip++;
            }

            span = span[Math.Min(skip + 1, span.Length)..];
            at = span.IndexOf(Marker);
        }

        output.AddRange(span);
        return output.ToArray();
    }

    /// <summary>Passes reads through; writes go out with <see cref="Unalias"/> applied.</summary>
    private sealed class UnaliasingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(Unalias(buffer.AsMemory(offset, count)).Span);

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (buffer.IndexOf(Marker) < 0)
            {
                inner.Write(buffer);
            }
            else
            {
                inner.Write(Unalias(buffer.ToArray()).Span);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(Unalias(buffer.AsMemory(offset, count)), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(Unalias(buffer), cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
