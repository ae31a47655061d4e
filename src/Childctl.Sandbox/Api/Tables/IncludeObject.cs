namespace Childctl.Sandbox.Api.Tables;

/// <summary>What a Table row carries in <c>object</c> (query parameter includeObject; Metadata by default).</summary>
internal enum IncludeObject
{
    None,
    Metadata,
    Object,
}
