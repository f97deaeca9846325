using System.Collections.Concurrent;

namespace Cairn.Core.Caching;

/// <summary>
/// Found values by id, kept for a short lifetime in front of a store read. Only found values are kept, so unknown
/// ids always reach the store and guessing ids cannot fill memory; a full cache starts afresh (entries live
/// seconds). A read that was in flight while <see cref="Forget"/> or <see cref="Clear"/> ran does not keep what it
/// read, since it may predate the write that caused them.
/// </summary>
public sealed class ReadThroughCache<T>(TimeProvider time, TimeSpan lifetime)
    where T : class
{
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset FreshUntil)> _entries = new(StringComparer.Ordinal);

    /// <summary>Bumped by every forget: a read that started before one must not cache what it saw.</summary>
    private long _generation;

    public TimeSpan Lifetime => lifetime;

    /// <summary>The cached value of <paramref name="id"/> while fresh, else <paramref name="read"/>'s answer (kept when found).</summary>
    public async Task<T?> GetAsync(string id, Func<string, CancellationToken, Task<T?>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(id, out var entry) && now < entry.FreshUntil)
        {
            return entry.Value;
        }

        var generation = Interlocked.Read(ref _generation);
        var value = await read(id, cancellationToken);
        if (value is null)
        {
            _entries.TryRemove(id, out _);
            return null;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[id] = (value, now + lifetime);
        if (Interlocked.Read(ref _generation) != generation)
        {
            _entries.TryRemove(id, out _);
        }

        return value;
    }

    /// <summary>Drops one entry (it changed here).</summary>
    public void Forget(string id)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(id, out _);
    }

    /// <summary>Drops every entry.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
