using System.Runtime.CompilerServices;

namespace Childctl.Kubernetes.Watching;

/// <summary>
/// A list-then-watch loop that keeps going through what real API servers do (kubectl-wire.md §6): it watches
/// again from the last resourceVersion seen (bookmarks included) when the server ends a stream, re-lists when
/// told the version is too old (410 Expired) and reports the difference as changes, reconnects after a dropped
/// stream, and falls back to polling (list every <see cref="WatchOptions.PollInterval"/>) when watching keeps
/// failing or is not allowed. Consumers see one ordered sequence of changes whichever way they were learnt.
/// Not thread-safe: one enumeration per instance.
/// </summary>
public sealed partial class ResilientWatch<T>
    where T : class
{
    private readonly IWatchSource<T> _source;
    private readonly TimeProvider _time;
    private readonly WatchOptions _options;
    private readonly Dictionary<string, (WatchIdentity Id, T Item)> _known = new(StringComparer.Ordinal);

    public ResilientWatch(IWatchSource<T> source, TimeProvider time, WatchOptions? options = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new WatchOptions();
    }

    /// <summary>True once the watch has given up on streams and polls instead.</summary>
    public bool Polling { get; private set; }

    /// <summary>How many times the collection was listed again after a 410 Expired.</summary>
    public int Relists { get; private set; }

    /// <summary>How many watch streams dropped or failed.</summary>
    public int Drops { get; private set; }

    public async IAsyncEnumerable<WatchChange<T>> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = await _source.ListAsync(cancellationToken);
        foreach (var change in Diff(list.Items))
        {
            yield return change;
        }

        yield return new WatchChange<T>(WatchChangeKind.Synced, null);
        var round = new Round(list.ResourceVersion);
        while (!Polling)
        {
            await foreach (var change in WatchOnceAsync(round, cancellationToken))
            {
                yield return change;
            }

            await AfterRoundAsync(round, cancellationToken);
        }

        await foreach (var change in PollAsync(cancellationToken))
        {
            yield return change;
        }
    }

    private async Task AfterRoundAsync(Round round, CancellationToken cancellationToken)
    {
        if (round.Dropped)
        {
            Drops++;
            round.Failures++;
            if (round.Failures >= _options.MaxConsecutiveFailures || round.WatchRefused)
            {
                Polling = true;
                return;
            }

            await Task.Delay(_options.RetryDelay, _time, cancellationToken);
        }

        round.Dropped = false;
    }

    private async IAsyncEnumerable<WatchChange<T>> PollAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            await Task.Delay(_options.PollInterval, _time, cancellationToken);
            WatchList<T> list;
            try
            {
                list = await _source.ListAsync(cancellationToken);
                failures = 0;
            }
            catch (KubernetesException e) when (e.Kind == KubernetesErrorKind.Unreachable && ++failures < _options.MaxPollFailures)
            {
                continue;
            }

            foreach (var change in Diff(list.Items))
            {
                yield return change;
            }
        }
    }

    /// <summary>Where the watch loop stands between streams.</summary>
    private sealed class Round(string resourceVersion)
    {
        public string ResourceVersion { get; set; } = resourceVersion;

        public bool Dropped { get; set; }

        public bool WatchRefused { get; set; }

        public int Failures { get; set; }
    }
}

/// <summary>
/// Where a <see cref="ResilientWatch{T}"/> lists and watches: one collection (a namespace or all, optionally
/// narrowed by a field or label selector). Implementations live next to the Kubernetes façade and translate
/// transport failures into <see cref="KubernetesException"/>; a stream that drops mid-way surfaces as
/// <see cref="KubernetesErrorKind.Unreachable"/> from the enumeration.
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

/// <summary>Tuning for <see cref="ResilientWatch{T}"/>; the defaults suit an interactive CLI.</summary>
public sealed record WatchOptions
{
    /// <summary>How long to wait before watching again after a dropped stream.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Dropped streams in a row (without a single event between) before giving up on watch and polling.</summary>
    public int MaxConsecutiveFailures { get; init; } = 3;

    /// <summary>How often to list when polling.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed lists in a row, while polling, before the error is passed on.</summary>
    public int MaxPollFailures { get; init; } = 5;
}

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

/// <summary>A list response: the items and the resourceVersion of the collection at that moment.</summary>
public sealed record WatchList<T>(IReadOnlyList<T> Items, string ResourceVersion);

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

/// <summary>The event types of a Kubernetes watch stream.</summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}

/// <summary>Who an object is (namespace/name, and uid for its incarnation) and which version of it was seen.</summary>
public sealed record WatchIdentity(string Key, string? Uid, string? ResourceVersion);

/// <summary>What a consumer of <see cref="ResilientWatch{T}"/> sees: an object appeared, changed or went away, or
/// <see cref="WatchChangeKind.Synced"/> once the initial list has been delivered.</summary>
public sealed record WatchChange<T>(WatchChangeKind Kind, T? Object)
    where T : class;

/// <summary>See <see cref="WatchChange{T}"/>.</summary>
public enum WatchChangeKind
{
    Added,
    Modified,
    Deleted,

    /// <summary>Every object that existed at the first list has been delivered as Added.</summary>
    Synced,
}
