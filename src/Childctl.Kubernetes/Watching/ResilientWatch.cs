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
