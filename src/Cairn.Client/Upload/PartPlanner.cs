namespace Cairn.Client.Upload;

/// <summary>
/// Chooses part sizes. For a known size: the preferred size (default 8 MiB), raised to the server minimum and,
/// for big objects, to the next MiB multiple that keeps the count within the part limit. For a stream of
/// unknown size the part size doubles every 1,000 parts, so 10,000 parts reach far beyond
/// 10,000 × the first part size while small streams keep small parts.
/// </summary>
public static class PartPlanner
{
    public const long DefaultPartSize = 8 * PartLimits.MiB;

    /// <summary>Parts after which a stream of unknown size doubles its part size.</summary>
    public const int GrowthInterval = 1000;

    public static long ChoosePartSize(long totalSize, long? preferred, PartLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegative(totalSize);
        var size = Math.Max(preferred ?? DefaultPartSize, limits.MinPartSize);
        var needed = (totalSize + limits.MaxParts - 1) / limits.MaxParts;
        if (size < needed)
        {
            size = (needed + PartLimits.MiB - 1) / PartLimits.MiB * PartLimits.MiB;
        }

        if (size > limits.MaxPartSize)
        {
            if (totalSize > limits.MaxPartSize * limits.MaxParts)
            {
                throw new ArgumentOutOfRangeException(nameof(totalSize), $"{totalSize} bytes exceed {limits.MaxParts} parts of {limits.MaxPartSize} bytes.");
            }

            size = limits.MaxPartSize;
        }

        return size;
    }

    public static int PartCount(long totalSize, long partSize) =>
        totalSize == 0 ? 1 : checked((int)((totalSize + partSize - 1) / partSize));

    /// <summary>Byte range of part <paramref name="partNumber"/> (1-based) for a fixed part size.</summary>
    public static (long Offset, long Length) PartRange(long totalSize, long partSize, int partNumber)
    {
        var offset = (partNumber - 1) * partSize;
        return (offset, Math.Min(partSize, totalSize - offset));
    }

    /// <summary>Part size of part <paramref name="partNumber"/> of a stream of unknown length.</summary>
    public static long StreamingPartSize(long firstPartSize, int partNumber, PartLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var doublings = Math.Min((partNumber - 1) / GrowthInterval, 20);
        var size = firstPartSize << doublings;
        return Math.Min(Math.Max(size, limits.MinPartSize), Math.Min(limits.MaxPartSize, Array.MaxLength));
    }
}
