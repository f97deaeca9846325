using Cairn.Core.Ports;

namespace Cairn.Core.Tests.Support;

/// <summary>
/// Leases in memory on a test's clock, with every attempt recorded, so a test can hand a lease to another node and
/// see what the code under test asked for.
/// </summary>
internal sealed class FakeLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly Dictionary<string, (string Holder, DateTimeOffset ExpiresAt)> _leases = [];

    /// <summary>Every <see cref="TryAcquireAsync"/> call, in order, with its answer.</summary>
    public List<(string Name, string Holder, TimeSpan Duration, bool Granted)> Attempts { get; } = [];

    /// <summary>Gives the lease to <paramref name="holder"/> for <paramref name="duration"/>, whoever had it.</summary>
    public void Give(string name, string holder, TimeSpan duration)
    {
        lock (_leases)
        {
            _leases[name] = (holder, time.GetUtcNow() + duration);
        }
    }

    /// <summary>The current holder, or null when the lease is free or expired.</summary>
    public string? HolderOf(string name)
    {
        lock (_leases)
        {
            return _leases.TryGetValue(name, out var lease) && lease.ExpiresAt > time.GetUtcNow() ? lease.Holder : null;
        }
    }

    public Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            var current = HolderOf(name);
            var granted = current is null || current == holder;
            if (granted)
            {
                _leases[name] = (holder, time.GetUtcNow() + duration);
            }

            Attempts.Add((name, holder, duration, granted));
            return Task.FromResult(granted);
        }
    }

    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            if (HolderOf(name) == holder)
            {
                _leases.Remove(name);
            }

            return Task.CompletedTask;
        }
    }
}
