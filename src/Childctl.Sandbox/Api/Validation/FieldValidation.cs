namespace Childctl.Sandbox.Api.Validation;

/// <summary>The fieldValidation query parameter: what to do with unknown fields (Warn when absent, as upstream).</summary>
internal enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}
