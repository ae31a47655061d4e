namespace Childctl.Core.Kubernetes.Watching;

/// <summary>
/// One event from a watch stream, typed. <see cref="ResourceVersion"/> is where the stream stands after it
/// (bookmarks carry only that). An <see cref="WatchEventType.Error"/> carries the Status code and message instead
/// of an object.
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion, int ErrorCode = 0, string? ErrorMessage = null)
    where T : class
{
    /// <summary>410 Gone / reason Expired: the resourceVersion is too old; the caller must list again.</summary>
    public bool IsExpired => Type == WatchEventType.Error && ErrorCode == 410;
}
