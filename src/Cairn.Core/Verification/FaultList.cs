namespace Cairn.Core.Verification;

/// <summary>
/// One kind of fault a verify found: how many, how many of those its repair fixed, and the first
/// <see cref="Capacity"/> of them itemised, so a store with millions of faults still gives a report of bounded size.
/// </summary>
public sealed class FaultList<T>(int capacity)
{
    private readonly List<T> _listed = [];

    /// <summary>At most this many faults are itemised in <see cref="Listed"/>; the counts cover them all.</summary>
    public int Capacity { get; } = capacity;

    public long Found { get; private set; }

    public long Repaired { get; private set; }

    /// <summary>Faults that are still there after the verify (all of them when it did not repair).</summary>
    public long Remaining => Found - Repaired;

    /// <summary>The first faults found, in the order found.</summary>
    public IReadOnlyList<T> Listed => _listed;

    /// <summary>Whether more faults were found than <see cref="Listed"/> shows.</summary>
    public bool Truncated => Found > _listed.Count;

    internal void Add(T fault, bool repaired)
    {
        Found++;
        if (repaired)
        {
            Repaired++;
        }

        if (_listed.Count < Capacity)
        {
            _listed.Add(fault);
        }
    }
}
