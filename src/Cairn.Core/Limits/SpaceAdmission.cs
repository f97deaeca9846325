using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Ports;

namespace Cairn.Core.Limits;

/// <summary>
/// The up-front free-space rule, in one place for every operation that adds data or metadata: what the operation
/// brings, plus what admitted uploads are still bringing, must leave at least
/// <see cref="StorageLimits.MinFreeSpace"/> free on the data volume. Deletes, aborts and reads never ask, so they
/// keep working on a full volume.
/// </summary>
/// <remarks>
/// Counting the bytes still on their way keeps the rule true for concurrent uploads, which would otherwise all
/// be measured against the same free space and together run the volume full.
/// </remarks>
public sealed class SpaceAdmission(IDiskSpace disk, StorageLimits limits)
{
    private long _promised;

    /// <summary>
    /// Admits an operation that brings <paramref name="incomingBytes"/> (its Content-Length); throws
    /// InsufficientStorage otherwise. The claim keeps the bytes not yet written counted against later admissions
    /// until it is disposed.
    /// </summary>
    public SpaceClaim Admit(long incomingBytes)
    {
        var floor = limits.MinFreeSpace;
        if (floor <= 0)
        {
            return SpaceClaim.None;
        }

        var available = disk.AvailableBytes();
        var promised = Interlocked.Add(ref _promised, incomingBytes);
        if (available - promised >= floor)
        {
            return new SpaceClaim(this, incomingBytes);
        }

        Interlocked.Add(ref _promised, -incomingBytes);
        throw Refusal(available, promised - incomingBytes, incomingBytes, floor);
    }

    /// <summary>For operations that only add metadata (a bucket, an upload, a copy, a completion): the floor is their margin.</summary>
    public void AdmitMetadata() => Admit(0).Dispose();

    internal void Return(long bytes) => Interlocked.Add(ref _promised, -bytes);

    private CairnException Refusal(long available, long promisedToOthers, long incoming, long floor)
    {
        var free = Size(Math.Max(0, available)) + " free";
        if (promisedToOthers > 0)
        {
            free += $" ({Size(promisedToOthers)} of it promised to uploads in progress)";
        }

        var need = incoming > 0
            ? $"this request needs {Size(incoming)} plus the {Size(floor)} floor"
            : $"less than the {Size(floor)} floor";
        var reserve = disk.ReserveInUse
            ? " Part of the space kept for deletes is in use; writes resume once space has been freed."
            : string.Empty;
        return new CairnException(
            ErrorCode.InsufficientStorage,
            $"Not enough free space on the data volume: {free}, {need} (Cairn:Limits:MinFreeSpace).{reserve}");
    }

    /// <summary>Bytes for people, in binary units: "12.0 MiB".</summary>
    private static string Size(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }
}
