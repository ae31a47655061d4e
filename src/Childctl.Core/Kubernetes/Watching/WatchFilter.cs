namespace Childctl.Core.Kubernetes.Watching;

/// <summary>Narrows a list or watch: a field selector (e.g. <c>metadata.name=x</c>) and/or a label selector.</summary>
public sealed record WatchFilter(string? FieldSelector = null, string? LabelSelector = null)
{
    public static WatchFilter None { get; } = new();

    public static WatchFilter ForName(string name) => new($"metadata.name={name}");

    /// <summary>The selectors as query parameters, each starting with '&amp;' (empty when none).</summary>
    public string Query() =>
        (FieldSelector is null ? string.Empty : "&fieldSelector=" + Uri.EscapeDataString(FieldSelector))
        + (LabelSelector is null ? string.Empty : "&labelSelector=" + Uri.EscapeDataString(LabelSelector));
}
