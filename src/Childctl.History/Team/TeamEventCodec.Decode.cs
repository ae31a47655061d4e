using System.Globalization;
using System.Text;
using System.Text.Json;
using Childctl.History.Store;

namespace Childctl.History.Team;

/// <summary>
/// Reading a stored event back: one forward pass over the value's UTF-8, field by field, as thousands of them are read
/// at once; what is not an event (a hand-edited key) is null, and unknown fields are skipped.
/// </summary>
public static partial class TeamEventCodec
{
    /// <summary>The event stored under <paramref name="key"/>, or null when the value is not one (a hand-edited key is skipped, not fatal).</summary>
    public static HistoryEvent? TryDecode(string key, string value) => TryDecode(key, Encoding.UTF8.GetBytes(value), null);

    /// <summary>
    /// <see cref="TryDecode(string, string)"/> over the value's UTF-8 bytes, in one forward pass (a team read decodes
    /// thousands of these: no document is built). <paramref name="strings"/>, when given, shares the repeated short
    /// values (users, uids, actions, servers) between the events of one read.
    /// </summary>
    public static HistoryEvent? TryDecode(string key, ReadOnlySpan<byte> json, StringPool? strings)
    {
        if (TryDecodeFlat(key, json, strings, out var flat))
        {
            return flat;
        }

        try
        {
            var r = new Utf8JsonReader(json);
            return r.Read() && r.TokenType == JsonTokenType.StartObject ? ReadEvent(ref r, key, strings) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static HistoryEvent? ReadEvent(ref Utf8JsonReader r, string key, StringPool? strings)
    {
        var f = new Fields();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = FieldOf(ref r);
            r.Read();
            if (r.TokenType != JsonTokenType.String)
            {
                if (name == Field.Parameters && r.TokenType == JsonTokenType.StartObject)
                {
                    f.Parameters = ReadMap(ref r);
                }
                else if (name == Field.Flags && r.TokenType == JsonTokenType.StartArray)
                {
                    f.Flags = ReadStrings(ref r);
                }
                else if (name == Field.ManagementCluster && r.TokenType == JsonTokenType.StartObject)
                {
                    f.ManagementCluster = ReadManagementCluster(ref r, strings);
                }
                else
                {
                    r.Skip();
                }

                continue;
            }

            switch (name)
            {
                case Field.Timestamp: f.Timestamp = ReadTimestamp(ref r); break;
                case Field.Id: f.Id = !r.ValueIsEscaped && r.ValueTextEquals(key) ? key : r.GetString(); break; // the key is the id
                case Field.Action: f.Action = Shared(ref r, strings); break;
                case Field.User: f.User = Shared(ref r, strings); break;
                case Field.K8sUser: f.K8sUser = Shared(ref r, strings); break;
                case Field.K8sRealUser: f.K8sRealUser = Shared(ref r, strings); break;
                case Field.Uid: f.Uid = Shared(ref r, strings); break;
                case Field.Operation: f.Operation = r.GetString(); break;
                case Field.Command: f.Command = r.GetString(); break;
                case Field.Reason: f.Reason = r.GetString(); break;
                case Field.Message: f.Message = r.GetString(); break;
                case Field.Result: f.Result = Shared(ref r, strings); break;
                case Field.Error: f.Error = r.GetString(); break;
                case Field.Source: f.Source = Shared(ref r, strings); break;
            }
        }

        return Build(f, key);
    }

    /// <summary>The event the fields make, or null without an action and a time.</summary>
    private static HistoryEvent? Build(in Fields f, string key)
    {
        if (f.Action is not { Length: > 0 } action || f.Timestamp is not { } timestamp)
        {
            return null;
        }

        return new HistoryEvent
        {
            Timestamp = timestamp,
            Id = f.Id ?? key,
            Action = action,
            User = f.User,
            K8sUser = f.K8sUser,
            K8sRealUser = f.K8sRealUser,
            Uid = f.Uid,
            ManagementCluster = f.ManagementCluster,
            Operation = f.Operation,
            Parameters = f.Parameters,
            Command = f.Command,
            Reason = f.Reason,
            Message = f.Message,
            Result = f.Result,
            Error = f.Error,
            Flags = f.Flags,
            Source = f.Source,
        };
    }

    private enum Field
    {
        Other,
        Timestamp,
        Id,
        Action,
        User,
        K8sUser,
        K8sRealUser,
        Uid,
        ManagementCluster,
        Operation,
        Parameters,
        Command,
        Reason,
        Message,
        Result,
        Error,
        Flags,
        Source,
    }

    private static Field FieldOf(ref Utf8JsonReader r)
    {
        if (r.ValueIsEscaped)
        {
            // Our encoder never escapes a field name; a hand-written one may, and still means the same field.
            return FieldNamed(Encoding.UTF8.GetBytes(r.GetString()!));
        }

        return FieldNamed(r.ValueSpan);
    }

    private static Field FieldNamed(ReadOnlySpan<byte> name) => name switch
    {
        _ when name.SequenceEqual("timestamp"u8) => Field.Timestamp,
        _ when name.SequenceEqual("id"u8) => Field.Id,
        _ when name.SequenceEqual("action"u8) => Field.Action,
        _ when name.SequenceEqual("user"u8) => Field.User,
        _ when name.SequenceEqual("k8s_user"u8) => Field.K8sUser,
        _ when name.SequenceEqual("k8s_real_user"u8) => Field.K8sRealUser,
        _ when name.SequenceEqual("uid"u8) => Field.Uid,
        _ when name.SequenceEqual("management_cluster"u8) => Field.ManagementCluster,
        _ when name.SequenceEqual("operation"u8) => Field.Operation,
        _ when name.SequenceEqual("parameters"u8) => Field.Parameters,
        _ when name.SequenceEqual("command"u8) => Field.Command,
        _ when name.SequenceEqual("reason"u8) => Field.Reason,
        _ when name.SequenceEqual("message"u8) => Field.Message,
        _ when name.SequenceEqual("result"u8) => Field.Result,
        _ when name.SequenceEqual("error"u8) => Field.Error,
        _ when name.SequenceEqual("flags"u8) => Field.Flags,
        _ when name.SequenceEqual("source"u8) => Field.Source,
        _ => Field.Other,
    };

    /// <summary>Our own stamps end in Z and parse without a string; anything else is read as before, as UTC unless it says otherwise.</summary>
    private static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped && r.ValueSpan is [.., (byte)'Z'] && r.TryGetDateTimeOffset(out var fast))
        {
            return fast;
        }

        return DateTimeOffset.TryParse(r.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static string? Shared(ref Utf8JsonReader r, StringPool? strings) =>
        strings is not null && !r.ValueIsEscaped ? strings.Get(r.ValueSpan) : r.GetString();

    private static ManagementClusterRef? ReadManagementCluster(ref Utf8JsonReader r, StringPool? strings)
    {
        string? name = null, server = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var which = r.ValueTextEquals("name"u8) ? 1 : r.ValueTextEquals("server"u8) ? 2 : 0;
            r.Read();
            if (r.TokenType == JsonTokenType.String && which != 0)
            {
                if (which == 1)
                {
                    name = Shared(ref r, strings);
                }
                else
                {
                    server = Shared(ref r, strings);
                }
            }
            else
            {
                r.Skip();
            }
        }

        return name is null ? null : new ManagementClusterRef(name, server);
    }

    /// <summary>Parameters as strings; a value that is not one (hand-edited) is kept as its JSON text.</summary>
    private static Dictionary<string, string> ReadMap(ref Utf8JsonReader r)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = r.GetString()!;
            r.Read();
            if (r.TokenType == JsonTokenType.String)
            {
                map[name] = r.GetString()!;
            }
            else
            {
                using var value = JsonDocument.ParseValue(ref r);
                map[name] = value.RootElement.GetRawText();
            }
        }

        return map;
    }

    private static List<string> ReadStrings(ref Utf8JsonReader r)
    {
        var list = new List<string>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType == JsonTokenType.String)
            {
                list.Add(r.GetString()!);
            }
            else
            {
                r.Skip();
            }
        }

        return list;
    }

    private struct Fields
    {
        public DateTimeOffset? Timestamp;
        public string? Id, Action, User, K8sUser, K8sRealUser, Uid, Operation, Command, Reason, Message, Result, Error, Source;
        public ManagementClusterRef? ManagementCluster;
        public Dictionary<string, string>? Parameters;
        public List<string>? Flags;
    }
}
