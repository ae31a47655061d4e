using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Childctl.Sandbox.Storage;

/// <summary>
/// The apiserver's rules for <c>metadata.labels</c> (qualified-name keys, values of at most 63 characters) and the
/// keys of <c>metadata.annotations</c>, with its own wording, so a bad label is a 422 here as on a real cluster.
/// </summary>
internal static partial class LabelValidation
{
    private const string NameHelp =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string PrefixHelp =
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string ValueHelp =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    /// <summary>Every problem with the object's label and annotation keys and label values; empty when there is none.</summary>
    public static List<StatusCause> Check(JsonObject obj)
    {
        var causes = new List<StatusCause>();
        var meta = ObjectMeta.Of(obj);
        if (meta["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                AddKeyProblem(causes, key, "metadata.labels");
                var text = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : string.Empty;
                if (text.Length > 63 || (text.Length > 0 && !Name().IsMatch(text)))
                {
                    causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{text}\": {ValueHelp}", "metadata.labels"));
                }
            }
        }

        if (meta["annotations"] is JsonObject annotations)
        {
            foreach (var (key, _) in annotations)
            {
                AddKeyProblem(causes, key, "metadata.annotations");
            }
        }

        return causes;
    }

    private static void AddKeyProblem(List<StatusCause> causes, string key, string field)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0 && (slash == 0 || slash > 253 || !Prefix().IsMatch(key[..slash])))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{key}\": {PrefixHelp}", field));
        }
        else if (name.Length is 0 or > 63 || !Name().IsMatch(name))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{key}\": {NameHelp}", field));
        }
    }

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Prefix();
}
