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
