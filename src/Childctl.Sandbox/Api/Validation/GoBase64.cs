using System.Text.Json.Nodes;

namespace Childctl.Sandbox.Api.Validation;

/// <summary>
/// Decodes base64 the way Go's encoding/json decodes a []byte field (base64.StdEncoding: padding required, CR and LF
/// skipped), reporting the same byte offset in "illegal base64 data at input byte N" that the apiserver reports.
/// </summary>
internal static class GoBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>The decoded bytes, or a FormatException with Go's message.</summary>
    public static byte[] Decode(string text)
    {
        var values = new List<int>(text.Length);
        var si = 0;
        while (si < text.Length)
        {
            var quantum = new int[4];
            var j = 0;
            var length = 4;
            for (; j < 4; j++)
            {
                if (si == text.Length)
                {
                    if (j == 0)
                    {
                        return Pack(values);
                    }

                    throw Corrupt(si - j);
                }

                var c = text[si++];
                var v = c < 128 ? Alphabet.IndexOf(c, StringComparison.Ordinal) : -1;
                if (v >= 0)
                {
                    quantum[j] = v;
                    continue;
                }

                if (c is '\n' or '\r')
                {
                    j--;
                    continue;
                }

                if (c != '=' || j < 2)
                {
                    throw Corrupt(si - 1);
                }

                si = Padding(text, si, j);
                length = j;
                break;
            }

            values.Add(quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3]);
            values.Add(length);
        }

        return Pack(values);
    }

    /// <summary>Checks the padding that starts at <c>si - 1</c> and that nothing but line breaks follows it.</summary>
    private static int Padding(string text, int si, int j)
    {
        if (j == 2)
        {
            si = SkipLineBreaks(text, si);
            if (si == text.Length)
            {
                throw Corrupt(text.Length);
            }

            if (text[si] != '=')
            {
                throw Corrupt(si - 1);
            }

            si++;
        }

        si = SkipLineBreaks(text, si);
        return si < text.Length ? throw Corrupt(si) : si;
    }

    /// <summary>Decodes and re-encodes every value of a data map in canonical form; the first bad value is a 400.</summary>
    public static void Canonicalise(JsonObject? map, string kind, string field)
    {
        if (map is null)
        {
            return;
        }

        foreach (var (key, value) in map.ToList())
        {
            if (value is null)
            {
                continue;
            }

            if (value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                throw Http.ApiErrors.BadRequest($"{kind} in version \"v1\" cannot be handled as a {kind}: json: cannot unmarshal {GoKind(value)} into Go struct field {kind}.{field} of type []uint8");
            }

            try
            {
                map[key] = Convert.ToBase64String(Decode(value.GetValue<string>()));
            }
            catch (FormatException e)
            {
                throw Http.ApiErrors.BadRequest($"{kind} in version \"v1\" cannot be handled as a {kind}: {e.Message}");
            }
        }
    }

    private static string GoKind(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.Number => "number",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "bool",
            _ => "string",
        },
    };

    private static int SkipLineBreaks(string text, int si)
    {
        while (si < text.Length && text[si] is '\n' or '\r')
        {
            si++;
        }

        return si;
    }

    private static FormatException Corrupt(int offset) => new($"illegal base64 data at input byte {offset}");

    /// <summary>values holds (24-bit group, sextets used) pairs; 4 sextets give 3 bytes, 3 give 2, 2 give 1.</summary>
    private static byte[] Pack(List<int> values)
    {
        var bytes = new List<byte>(values.Count * 3 / 2);
        for (var i = 0; i < values.Count; i += 2)
        {
            var group = values[i];
            var count = values[i + 1] - 1;
            for (var b = 0; b < count; b++)
            {
                bytes.Add((byte)(group >> (16 - (8 * b))));
            }
        }

        return [.. bytes];
    }
}
