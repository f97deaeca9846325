namespace Cairn.Client.Download;

/// <summary>
/// Resume state of a ranged download: which object version (ETag and size — if either changes on the server the
/// download starts over), the range size, the preallocated temp file, and the ranges already written to it.
/// </summary>
public sealed record DownloadCheckpoint
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required string ETag { get; init; }

    public required long Size { get; init; }

    public required long RangeSize { get; init; }

    public required string TempPath { get; init; }

    /// <summary>1-based numbers of the ranges fully written to <see cref="TempPath"/>.</summary>
    public List<int> DoneRanges { get; init; } = [];

    public DateTimeOffset Started { get; init; }
}
