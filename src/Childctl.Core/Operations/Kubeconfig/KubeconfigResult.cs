namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>
/// The outcome: for Stdout the content to print (never logged or recorded), for File/Merge the path written and, for
/// Merge, the context name added or updated (<see cref="ContextReplaced"/>: it existed and was replaced).
/// </summary>
public sealed record KubeconfigResult(KubeconfigDestination Destination, string? Content, string? Path, string? Context)
{
    public bool ContextReplaced { get; init; }
}
