namespace Cairn.Core.Limits;

/// <summary>
/// Bytes an admitted operation has yet to write, counted against later admissions (<see cref="SpaceAdmission"/>).
/// The count shrinks as bytes land on disk, where the free-space measurement sees them, and ends on dispose.
/// </summary>
public sealed class SpaceClaim : IDisposable
{
    /// <summary>The claim of an operation that was not counted (the check is off).</summary>
    public static readonly SpaceClaim None = new(null, 0);

    private readonly SpaceAdmission? _owner;
    private long _remaining;

    internal SpaceClaim(SpaceAdmission? owner, long bytes)
    {
        _owner = owner;
        _remaining = bytes;
    }

    /// <summary>Bytes that were written to disk.</summary>
    public void Landed(long bytes)
    {
        if (_owner is null)
        {
            return;
        }

        long current, next;
        do
        {
            current = Volatile.Read(ref _remaining);
            next = Math.Max(0, current - bytes);
        }
        while (Interlocked.CompareExchange(ref _remaining, next, current) != current);
        _owner.Return(current - next);
    }

    public void Dispose() => _owner?.Return(Interlocked.Exchange(ref _remaining, 0));
}
