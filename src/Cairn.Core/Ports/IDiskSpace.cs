namespace Cairn.Core.Ports;

/// <summary>Free space of the volume that holds the data, as the up-front admission rule needs it.</summary>
public interface IDiskSpace
{
    /// <summary>
    /// Bytes new data may still use: the volume's free space, less any space owed back to the reserve that keeps
    /// deletes working on a full volume.
    /// </summary>
    long AvailableBytes();

    /// <summary>True while part of that reserve is released (the volume ran full); it comes back once space does.</summary>
    bool ReserveInUse { get; }
}
