namespace Childctl.Core.Kubernetes.Watching;

/// <summary>
/// Where a <see cref="ResilientWatch{T}"/> lists and watches: one collection (a namespace or all, optionally
/// narrowed by a field or label selector). Implementations live next to the Kubernetes façade and translate
/// transport failures into <see cref="Errors.ChildctlException"/>; a stream that drops mid-way surfaces as
/// <see cref="Errors.ErrorKind.Unreachable"/> from the enumeration.
/// </summary>
public interface IWatchSource<T>
    where T : class
{
    /// <summary>The current objects and the collection's resourceVersion to watch from.</summary>
    Task<WatchList<T>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Changes after <paramref name="resourceVersion"/>, with bookmarks, until the server ends the stream.</summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(string resourceVersion, CancellationToken cancellationToken);

    /// <summary>The identity (namespace/name), uid and resourceVersion of an object, to diff lists.</summary>
    WatchIdentity Identify(T item);
}
