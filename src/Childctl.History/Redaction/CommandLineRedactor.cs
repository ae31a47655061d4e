using System.Text;

namespace Childctl.History.Redaction;

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
            if (c == '\'' )
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
