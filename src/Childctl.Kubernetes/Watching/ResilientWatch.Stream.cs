using System.Runtime.CompilerServices;

namespace Childctl.Kubernetes.Watching;

/// <summary>One watch stream, and turning lists into changes.</summary>
public sealed partial class ResilientWatch<T>
{
    private async IAsyncEnumerable<WatchChange<T>> WatchOnceAsync(Round round, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = _source.WatchAsync(round.ResourceVersion, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                var next = await NextAsync(events, round);
                if (next is null)
                {
                    yield break;
                }

                if (next.IsExpired)
                {
                    await foreach (var change in RelistAsync(round, cancellationToken))
                    {
                        yield return change;
                    }

                    yield break;
                }

                if (next.Type == WatchEventType.Error)
                {
                    round.Dropped = true;
                    yield break;
                }

                if (!string.IsNullOrEmpty(next.ResourceVersion))
                {
                    round.ResourceVersion = next.ResourceVersion;
                }

                var applied = Apply(next);
                if (applied is not null)
                {
                    round.Failures = 0;
                    yield return applied;
                }
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    /// <summary>The next event, or null when the stream ended (cleanly, or dropped: then <see cref="Round.Dropped"/>).</summary>
    private static async Task<WatchEvent<T>?> NextAsync(IAsyncEnumerator<WatchEvent<T>> events, Round round)
    {
        try
        {
            return await events.MoveNextAsync() ? events.Current : null;
        }
        catch (KubernetesException e) when (e.Kind is KubernetesErrorKind.Unreachable or KubernetesErrorKind.General or KubernetesErrorKind.PermissionDenied)
        {
            round.Dropped = true;
            round.WatchRefused = e.Kind != KubernetesErrorKind.Unreachable;
            return null;
        }
    }

    private async IAsyncEnumerable<WatchChange<T>> RelistAsync(Round round, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Relists++;
        var list = await _source.ListAsync(cancellationToken);
        round.ResourceVersion = list.ResourceVersion;
        round.Failures = 0;
        foreach (var change in Diff(list.Items))
        {
            yield return change;
        }
    }

    private WatchChange<T>? Apply(WatchEvent<T> e)
    {
        if (e.Object is null || e.Type == WatchEventType.Bookmark)
        {
            return null;
        }

        var id = _source.Identify(e.Object);
        if (e.Type == WatchEventType.Deleted)
        {
            return _known.Remove(id.Key) ? new WatchChange<T>(WatchChangeKind.Deleted, e.Object) : null;
        }

        var existed = _known.TryGetValue(id.Key, out var before);
        if (existed && before.Id.Uid == id.Uid && before.Id.ResourceVersion == id.ResourceVersion)
        {
            return null; // already delivered (for example by a re-list)
        }

        _known[id.Key] = (id, e.Object);
        return new WatchChange<T>(existed ? WatchChangeKind.Modified : WatchChangeKind.Added, e.Object);
    }

    /// <summary>The changes that turn what is known into <paramref name="items"/>; a new uid under a known name is a delete and an add.</summary>
    private List<WatchChange<T>> Diff(IReadOnlyList<T> items)
    {
        var changes = new List<WatchChange<T>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var id = _source.Identify(item);
            seen.Add(id.Key);
            if (_known.TryGetValue(id.Key, out var before) && before.Id.Uid != id.Uid)
            {
                _known.Remove(id.Key);
                changes.Add(new WatchChange<T>(WatchChangeKind.Deleted, before.Item));
            }

            var change = Apply(new WatchEvent<T>(WatchEventType.Modified, item, id.ResourceVersion));
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        foreach (var gone in _known.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            changes.Add(new WatchChange<T>(WatchChangeKind.Deleted, _known[gone].Item));
            _known.Remove(gone);
        }

        return changes;
    }
}
