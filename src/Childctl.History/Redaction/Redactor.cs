using Childctl.History.Events;

namespace Childctl.History.Redaction;

/// <summary>
/// Removes secrets from an event before it is written: parameter values whose key names a secret or whose
/// value looks like one, secret flags and values in the command line, and secret-looking text in reason,
/// message and error. Applied by the store itself, so no caller can forget it.
/// </summary>
public static class Redactor
{
    public static HistoryEvent Redact(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e with
        {
            Parameters = RedactParameters(e.Parameters),
            Command = e.Command is null ? null : CommandLineRedactor.Redact(e.Command),
            Reason = SecretPatterns.Redact(e.Reason),
            Message = SecretPatterns.Redact(e.Message),
            Error = SecretPatterns.Redact(e.Error),
        };
    }

    public static IReadOnlyDictionary<string, string>? RedactParameters(IReadOnlyDictionary<string, string>? parameters)
    {
        if (parameters is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(parameters.Count, StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            result[key] = SecretKeys.IsSecret(key) && value.Length > 0 ? SecretPatterns.Mask : SecretPatterns.Redact(value) ?? value;
        }

        return result;
    }
}

/// <summary>
/// Decides from a name (a parameter key or a flag) whether its value is a secret: any word of the name is a
/// password, secret, token, key, kubeconfig or similar, or it names credential data. "credential" alone is the
/// name of a Credential object, which is not secret and is worth keeping.
/// </summary>
public static class SecretKeys
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "passphrase", "pass", "secret", "secrets", "token", "tokens", "key", "keys",
        "apikey", "privatekey", "accesskey", "kubeconfig", "auth", "authorization", "bearer", "cookie", "sas",
        "connectionstring", "cert", "certificate", "pem", "pfx", "jwt", "otp", "session",
    };

    private static readonly HashSet<string> CredentialDataWords = new(StringComparer.Ordinal)
    {
        "data", "json", "value", "content", "contents", "file", "blob", "string",
    };

    public static bool IsSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = Words(name);
        if (words.Any(SecretWords.Contains))
        {
            return true;
        }

        var joined = string.Concat(words);
        return joined.Contains("password", StringComparison.Ordinal)
            || joined.Contains("secret", StringComparison.Ordinal)
            || joined.Contains("token", StringComparison.Ordinal)
            || joined.Contains("apikey", StringComparison.Ordinal)
            || joined.Contains("privatekey", StringComparison.Ordinal)
            || joined.Contains("kubeconfig", StringComparison.Ordinal)
            || (words.Any(w => w.StartsWith("credential", StringComparison.Ordinal)) && words.Any(CredentialDataWords.Contains));
    }

    /// <summary>Splits <c>clientSecret</c>, <c>client_secret</c>, <c>client-secret</c>, <c>x.y</c> into lower-case words.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = !char.IsLetterOrDigit(c)
                || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (boundary && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
