using System.Text;

namespace Childctl.Sandbox.Api.Bodies;

/// <summary>A minimal protocol-buffers wire reader: tags, varints and length-delimited fields; other wire types skipped.</summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    public bool TryReadTag(out int field, out int wireType)
    {
        if (_pos >= _data.Length)
        {
            field = wireType = 0;
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Next();
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException("malformed varint");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = checked((int)ReadVarint());
        if (length < 0 || _pos + length > _data.Length)
        {
            throw new FormatException("truncated field");
        }

        var slice = _data.Slice(_pos, length);
        _pos += length;
        return slice;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                _pos += 8;
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                _pos += 4;
                break;
            default:
                throw new FormatException($"unsupported wire type {wireType}");
        }

        if (_pos > _data.Length)
        {
            throw new FormatException("truncated field");
        }
    }

    private byte Next() => _pos < _data.Length ? _data[_pos++] : throw new FormatException("truncated varint");
}
