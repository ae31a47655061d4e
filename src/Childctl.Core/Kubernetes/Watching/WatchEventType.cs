namespace Childctl.Core.Kubernetes.Watching;

/// <summary>The event types of a Kubernetes watch stream.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}
