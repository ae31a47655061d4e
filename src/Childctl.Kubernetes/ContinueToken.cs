using System.Text.Json;

namespace Childctl.Kubernetes;

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
