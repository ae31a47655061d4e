using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Childctl.History.Store;

namespace Childctl.History.Team;

/// <summary>
/// The shape the encoder writes, read by delimiting (<see cref="JsonScan"/>) rather than by a validating reader: an
/// object of string fields, with <c>management_cluster</c> and <c>parameters</c> objects of strings and <c>flags</c> an
/// array of strings. Anything else (an escaped field name, a value of another type where a string is expected, a stamp
/// not in the round-trip format) gives false, and the validating reader decodes the value as before.
/// </summary>
public static partial class TeamEventCodec
{
    internal static bool TryDecodeFlat(string key, ReadOnlySpan<byte> json, StringPool? strings, out HistoryEvent? decoded)
    {
        decoded = null;
        var scan = new JsonScan(json);
        var f = new Fields();
        var buffer = new PooledBytes();
        try
        {
            if (!scan.Enter((byte)'{'))
            {
                return false;
            }

            while (scan.Next((byte)'}'))
            {
                if (!scan.Name(out var raw, out var escaped) || escaped || !FlatField(ref scan, FieldNamed(raw), key, ref f, strings, ref buffer))
                {
                    return false;
                }
            }

            if (!scan.AtEnd())
            {
                return false;
            }

            decoded = Build(f, key);
            return true;
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private static bool FlatField(ref JsonScan scan, Field field, string key, ref Fields f, StringPool? strings, ref PooledBytes buffer)
    {
        switch (field)
        {
            case Field.Other:
                return scan.Skip();
            case Field.ManagementCluster:
                return FlatManagementCluster(ref scan, ref f, strings, ref buffer);
            case Field.Parameters:
                return FlatMap(ref scan, ref f, ref buffer);
            case Field.Flags:
                return FlatStrings(ref scan, ref f, ref buffer);
            case Field.Timestamp:
                // Only the encoder's own form, in UTC; any other is read by the validating reader, which assumes UTC without a zone.
                if (!scan.String(out var stamp, out var escaped) || escaped || stamp is not [.., (byte)'Z']
                    || !Utf8Parser.TryParse(stamp, out DateTimeOffset at, out var used, 'O') || used != stamp.Length)
                {
                    return false;
                }

                f.Timestamp = at;
                return true;
            case Field.Id when scan.IsString():
                if (!scan.String(out var id, out var idEscaped))
                {
                    return false;
                }

                f.Id = !idEscaped && Ascii.Equals(id, key) ? key : Unescaped(id, idEscaped, ref buffer);
                return f.Id is not null;
        }

        var pooled = field is Field.Action or Field.User or Field.K8sUser or Field.K8sRealUser or Field.Uid or Field.Result or Field.Source;
        if (!FlatString(ref scan, pooled ? strings : null, ref buffer, out var text))
        {
            return false;
        }

        switch (field)
        {
            case Field.Id: f.Id = text; break;
            case Field.Action: f.Action = text; break;
            case Field.User: f.User = text; break;
            case Field.K8sUser: f.K8sUser = text; break;
            case Field.K8sRealUser: f.K8sRealUser = text; break;
            case Field.Uid: f.Uid = text; break;
            case Field.Operation: f.Operation = text; break;
            case Field.Command: f.Command = text; break;
            case Field.Reason: f.Reason = text; break;
            case Field.Message: f.Message = text; break;
            case Field.Result: f.Result = text; break;
            case Field.Error: f.Error = text; break;
            case Field.Source: f.Source = text; break;
        }

        return true;
    }

    private static bool FlatManagementCluster(ref JsonScan scan, ref Fields f, StringPool? strings, ref PooledBytes buffer)
    {
        string? name = null, server = null;
        if (!scan.Enter((byte)'{'))
        {
            return false;
        }

        while (scan.Next((byte)'}'))
        {
            if (!scan.Name(out var raw, out var escaped) || escaped)
            {
                return false;
            }

            var which = raw.SequenceEqual("name"u8) ? 1 : raw.SequenceEqual("server"u8) ? 2 : 0;
            if (which == 0)
            {
                if (!scan.Skip())
                {
                    return false;
                }

                continue;
            }

            if (!FlatString(ref scan, strings, ref buffer, out var text))
            {
                return false;
            }

            (name, server) = which == 1 ? (text, server) : (name, text);
        }

        f.ManagementCluster = name is null ? null : new ManagementClusterRef(name, server);
        return !scan.Failed;
    }

    private static bool FlatMap(ref JsonScan scan, ref Fields f, ref PooledBytes buffer)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!scan.Enter((byte)'{'))
        {
            return false;
        }

        while (scan.Next((byte)'}'))
        {
            // A parameter's name is data (a config key may hold any character), so it is unescaped like a value.
            if (!scan.Name(out var raw, out var escaped) || !TryText(raw, escaped, null, ref buffer, out var name) || !FlatString(ref scan, null, ref buffer, out var value))
            {
                return false;
            }

            map[name] = value;
        }

        f.Parameters = map;
        return !scan.Failed;
    }

    private static bool FlatStrings(ref JsonScan scan, ref Fields f, ref PooledBytes buffer)
    {
        var list = new List<string>();
        if (!scan.Enter((byte)'['))
        {
            return false;
        }

        while (scan.Next((byte)']'))
        {
            if (!FlatString(ref scan, null, ref buffer, out var value))
            {
                return false;
            }

            list.Add(value);
        }

        f.Flags = list;
        return !scan.Failed;
    }

    private static string? Unescaped(ReadOnlySpan<byte> raw, bool escaped, ref PooledBytes buffer) =>
        TryText(raw, escaped, null, ref buffer, out var text) ? text : null;

    /// <summary>A string value's text, unescaped when it has escapes; pooled when <paramref name="strings"/> is given.</summary>
    private static bool FlatString(ref JsonScan scan, StringPool? strings, ref PooledBytes buffer, out string text)
    {
        text = string.Empty;
        return scan.String(out var raw, out var escaped) && TryText(raw, escaped, strings, ref buffer, out text);
    }

    private static bool TryText(ReadOnlySpan<byte> raw, bool escaped, StringPool? strings, ref PooledBytes buffer, out string text)
    {
        text = string.Empty;
        if (escaped)
        {
            var into = buffer.Span(raw.Length);
            if (!JsonEscapes.TryUnescape(raw, into, out var written))
            {
                return false;
            }

            raw = into[..written];
        }

        text = strings is not null ? strings.Get(raw) : Encoding.UTF8.GetString(raw);
        return true;
    }
}
