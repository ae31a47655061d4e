using System.Text;
using System.Text.RegularExpressions;
using Childctl.History.Store;

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

    /// <summary>The event as a store records it (and the team store and its Kubernetes Event show it): redacted, with childctl as its source when it names none.</summary>
    public static HistoryEvent AsRecorded(HistoryEvent e) => Redact(e) with { Source = e.Source ?? EventSources.Childctl };

    public static IReadOnlyDictionary<string, string>? RedactParameters(IReadOnlyDictionary<string, string>? parameters) =>
        parameters?.ToDictionary(p => p.Key, p => SecretKeys.IsSecret(p.Key) && p.Value.Length > 0 ? SecretPatterns.Mask : SecretPatterns.Redact(p.Value) ?? p.Value, StringComparer.Ordinal);
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

/// <summary>
/// Finds secrets by their look in free text: PEM blocks, bearer/basic credentials, JWTs, passwords in URLs,
/// <c>password=...</c> and <c>password: ...</c> pairs, "password is ..." phrasing, tokens with a known prefix (GitHub's
/// <c>ghp_</c> and kin, GitLab's <c>glpat-</c>, Slack's <c>xox?-</c>), and base64-like blobs of 40 characters or more
/// (an AWS secret access key is exactly 40). Source-generated regexes (AOT-safe).
/// </summary>
public static partial class SecretPatterns
{
    public const string Mask = "<redacted>";

    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = Pem().Replace(text, Mask);
        result = Bearer().Replace(result, m => m.Groups[1].Value + " " + Mask);
        result = Jwt().Replace(result, Mask);
        result = UrlPassword().Replace(result, m => m.Groups[1].Value + Mask + "@");
        result = SecretPair().Replace(result, m => SecretKeys.IsSecret(m.Groups[1].Value) ? m.Groups[1].Value + m.Groups[2].Value + Mask : m.Value);
        result = SecretPhrase().Replace(result, m => IsStateWord(m.Groups[3].Value) ? m.Value : m.Groups[1].Value + m.Groups[2].Value + Mask);
        result = PrefixedToken().Replace(result, Mask);
        return Blob().Replace(result, m => LooksRandom(m.Value) ? Mask : m.Value);
    }

    /// <summary>True when the whole value looks like a credential (so a parameter of any name is masked).</summary>
    public static bool LooksSecret(string value) => Redact(value) != value;

    // Random base64 mixes upper case, lower case and digits; DNS names, ULIDs and words do not.
    private static bool LooksRandom(string value) =>
        value.Any(char.IsAsciiLetterUpper) && value.Any(char.IsAsciiLetterLower) && value.Any(char.IsAsciiDigit);

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)")]
    private static partial Regex Pem();

    [GeneratedRegex(@"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(://[^/\s:@]+:)[^/\s@]+@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"([A-Za-z][A-Za-z0-9_.-]*)(\s*[=:]\s*)(?:""[^""]*""|'[^']*'|[^\s,;&]+)")]
    private static partial Regex SecretPair();

    // "the password is hunter2", "token was abc123": the word after is the secret unless it says how the secret is.
    private static bool IsStateWord(string word) => StateWords.Contains(word.TrimEnd('.', ',', ';', '!', ')'));

    private static readonly HashSet<string> StateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "required", "missing", "empty", "invalid", "wrong", "incorrect", "expired", "not", "set", "unset", "correct",
        "valid", "null", "none", "needed", "too", "the", "a", "an", "being", "now", "still", "also", "stored", "rotated",
        "redacted", "<redacted>", "changed", "unknown", "present", "absent", "ok", "fine", "weak", "short", "long",
    };

    [GeneratedRegex(@"(?i)\b((?:pass(?:word|wd|phrase)|pwd|secret|token|(?:api|access|secret|private)[ _-]?key|credentials?)(?:\s+for\s+\S+)?)(\s+(?:is|was|are|were|=|:)\s+)([^\s,;]+)")]
    private static partial Regex SecretPhrase();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,})")]
    private static partial Regex PrefixedToken();

    [GeneratedRegex(@"[A-Za-z0-9+/_-]{40,}={0,2}")]
    private static partial Regex Blob();
}

/// <summary>
/// Redacts a recorded command line: <c>--token=x</c> and <c>--token x</c> for any secret-named flag,
/// <c>password=x</c> pairs in arguments, and secret-looking values anywhere. The line is split the way a POSIX
/// shell would (single and double quotes, backslashes) and joined again with single quotes where needed.
/// </summary>
public static class CommandLineRedactor
{
    // Flags whose names look secret but whose values are not: a path to a kubeconfig file.
    private static readonly HashSet<string> PathFlags = new(StringComparer.Ordinal) { "kubeconfig" };

    public static string Redact(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var tokens = Split(commandLine);
        var output = new List<string>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.StartsWith('-') && token.Contains('=', StringComparison.Ordinal))
            {
                var cut = token.IndexOf('=', StringComparison.Ordinal);
                output.Add(IsSecretFlag(token[..cut]) ? token[..(cut + 1)] + SecretPatterns.Mask : Quote(token[..(cut + 1)]) + RedactValue(token[(cut + 1)..]));
                continue;
            }

            output.Add(RedactValue(token));
            if (token.StartsWith('-') && IsSecretFlag(token) && i + 1 < tokens.Count)
            {
                output.Add(SecretPatterns.Mask);
                i++;
            }
        }

        return string.Join(' ', output);
    }

    private static bool IsSecretFlag(string flag)
    {
        var name = flag.TrimStart('-');
        return name.Length > 0 && !PathFlags.Contains(name) && SecretKeys.IsSecret(name);
    }

    private static string RedactValue(string token)
    {
        // A redacted argument keeps its quoting, so "a b <redacted> c" still reads as one argument; a bare mask stays bare.
        var redacted = SecretPatterns.Redact(token) ?? token;
        return IsPlain(redacted.Replace(SecretPatterns.Mask, "x", StringComparison.Ordinal)) ? redacted : Quoted(redacted);
    }

    private static string Quote(string arg) => IsPlain(arg) ? arg : Quoted(arg);

    private static bool IsPlain(string arg) => arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c));

    private static string Quoted(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    internal static List<string> Split(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                end = end < 0 ? line.Length : end;
                current.Append(line, i + 1, end - i - 1);
                i = end;
                inToken = true;
            }
            else if (c == '"')
            {
                i = ReadDoubleQuoted(line, i + 1, current);
                inToken = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(line[++i]);
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush(tokens, current, ref inToken);
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }

        Flush(tokens, current, ref inToken);
        return tokens;
    }

    private static int ReadDoubleQuoted(string line, int i, StringBuilder current)
    {
        for (; i < line.Length && line[i] != '"'; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`')
            {
                i++;
            }

            current.Append(line[i]);
        }

        return i;
    }

    private static void Flush(List<string> tokens, StringBuilder current, ref bool inToken)
    {
        if (inToken)
        {
            tokens.Add(current.ToString());
            current.Clear();
            inToken = false;
        }
    }
}
