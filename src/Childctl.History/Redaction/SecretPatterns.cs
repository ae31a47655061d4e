using System.Text.RegularExpressions;

namespace Childctl.History.Redaction;

/// <summary>
/// Finds secrets by their look in free text: PEM blocks, bearer/basic credentials, JWTs, passwords in URLs,
/// <c>password=...</c> pairs, and base64-like blobs over 40 characters. Source-generated regexes (AOT-safe).
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

    [GeneratedRegex(@"[A-Za-z0-9+/_-]{41,}={0,2}")]
    private static partial Regex Blob();
}
