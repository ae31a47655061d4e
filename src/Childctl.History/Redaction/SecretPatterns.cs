using System.Text.RegularExpressions;

namespace Childctl.History.Redaction;

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
