using System.Text.RegularExpressions;

namespace Childctl.Sandbox.Storage;

/// <summary>The apiserver's object-name rules: namespaces are RFC 1123 labels, everything else RFC 1123 subdomains.</summary>
internal static partial class NameValidation
{
    private const string SubdomainHelp =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelHelp =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>Null when the name is acceptable, otherwise the cause to report.</summary>
    public static StatusCause? Check(ResourceType type, string name)
    {
        if (type == ResourceType.Namespace)
        {
            return name.Length <= 63 && Label().IsMatch(name) ? null : Cause(name, LabelHelp);
        }

        return name.Length <= 253 && Subdomain().IsMatch(name) ? null : Cause(name, SubdomainHelp);
    }

    private static StatusCause Cause(string name, string help) =>
        new("FieldValueInvalid", $"Invalid value: \"{name}\": {help}", "metadata.name");

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
