using Cairn.Core.Ports;

namespace Cairn.Storage.Space;

/// <summary>
/// The data directory's volume as the admission rule sees it: free space as statvfs reports it to unprivileged
/// users (root's reserved blocks are not Cairn's to plan with), less whatever part of the <see cref="SpaceReserve"/>
/// is released, since that space is owed back to it. Measured on every call: one statvfs costs microseconds, far
/// less than the fsync any write pays, and a fresh value means space an operator frees counts at once.
/// </summary>
public sealed class DataVolume(string dataDirectory, SpaceReserve reserve, long minFreeSpace) : IDiskSpace
{
    public long AvailableBytes()
    {
        var free = FreeBytes();
        var missing = reserve.MissingBytes;
        if (missing == 0)
        {
            return free;
        }

        // Re-created only with room to spare (the floor, or the reserve's own size when that is larger), so that
        // taking the space back does not push the volume straight back to the edge.
        if (free - missing >= Math.Max(minFreeSpace, reserve.Size) && reserve.TryRestore())
        {
            return FreeBytes();
        }

        return free - reserve.MissingBytes;
    }

    public bool ReserveInUse => reserve.MissingBytes > 0;

    /// <summary>Re-creates released parts of the reserve when the volume has room again (the host calls it periodically).</summary>
    public void RestoreReserveIfRoom() => _ = AvailableBytes();

    /// <summary>Free bytes on the volume for unprivileged writers (statvfs f_bavail).</summary>
    public long FreeBytes() => new DriveInfo(dataDirectory).AvailableFreeSpace;
}
