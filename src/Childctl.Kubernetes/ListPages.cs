using System.Buffers;
using System.Text.Json;

namespace Childctl.Kubernetes;

/// <summary>
/// One page of a list as it arrives: the <c>continue</c> token is known as soon as the list's metadata has been
/// read (the API server sends it before <c>items</c>), so the next page can be requested while this one's body is
/// still streaming in; <see cref="Body"/> completes with the whole page's bytes.
/// </summary>
internal sealed record ListPage(string? Continue, Task<PageBody> Body);

/// <summary>
/// A page's bytes, in an array from the shared pool while it is read: a list of several pages of a MiB or more reuses two
/// arrays instead of allocating (and touching) new memory for each. <see cref="Release"/> gives the array back once
/// nothing refers to the bytes any more; a page whose items are kept (<see cref="ApiClient.ListAsync"/>) is never released.
/// </summary>
internal sealed class PageBody
{
    private PageBuffer? _buffer;

    public PageBody(PageBuffer buffer)
    {
        _buffer = buffer;
        Bytes = buffer.Written;
    }

    /// <summary>Bytes read whole in one go (a page read again after a broken stream): nothing to give back.</summary>
    public PageBody(ReadOnlyMemory<byte> bytes) => Bytes = bytes;

    public ReadOnlyMemory<byte> Bytes { get; private set; }

    public void Release()
    {
        Bytes = default;
        _buffer?.Release();
        _buffer = null;
    }
}

/// <summary>A growing buffer over arrays rented from <see cref="ArrayPool{T}.Shared"/>, written as a reply streams in.</summary>
internal sealed class PageBuffer(int initialSize)
{
    private byte[]? _array = ArrayPool<byte>.Shared.Rent(initialSize);
    private int _length;

    public int Free => Array.Length - _length;

    public ReadOnlyMemory<byte> Written => Array.AsMemory(0, _length);

    public ReadOnlySpan<byte> WrittenSpan => Array.AsSpan(0, _length);

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PageBuffer));

    /// <summary>Free space of at least <paramref name="atLeast"/> bytes, after what is written (grown by doubling when short).</summary>
    public Memory<byte> FreeSpace(int atLeast)
    {
        if (Free < atLeast)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(Array.Length * 2, _length + atLeast));
            Array.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(Array);
            _array = bigger;
        }

        return Array.AsMemory(_length);
    }

    public void Advance(int count) => _length += count;

    public void Release()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

/// <summary>Finds <c>metadata.continue</c> of a list reply in its first bytes, before the rest has arrived.</summary>
internal static class ContinueToken
{
    /// <summary>
    /// True when the answer is known from <paramref name="head"/>: the token, or null when the metadata has none.
    /// False when more bytes are needed, or when <c>items</c> comes first (then the full parse tells).
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> head, out string? token)
    {
        token = null;
        var reader = new Utf8JsonReader(head, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("items"u8))
                {
                    return false;
                }

                if (reader.ValueTextEquals("metadata"u8))
                {
                    return TryReadMetadata(ref reader, out token);
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    /// <summary>The token of a whole reply, wherever its metadata is (after the items, in a reply not from the API server); null when it has none.</summary>
    public static string? InWhole(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("metadata"u8))
                {
                    return TryReadMetadata(ref reader, out var token) ? token : null;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the page's own parse reports it.
        }

        return null;
    }

    private static bool TryReadMetadata(ref Utf8JsonReader reader, out string? token)
    {
        token = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 1)
            {
                return true;
            }

            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2 && reader.ValueTextEquals("continue"u8))
            {
                if (!reader.Read())
                {
                    return false;
                }

                token = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                return true;
            }
        }

        return false;
    }
}
