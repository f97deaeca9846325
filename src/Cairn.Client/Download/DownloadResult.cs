namespace Cairn.Client.Download;

/// <summary>What a download did and how its content was verified.</summary>
public sealed record DownloadResult
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    /// <summary>Final file path, or null when downloading into a stream.</summary>
    public string? Path { get; init; }

    public required long Size { get; init; }

    public required string ETag { get; init; }

    /// <summary>Bytes this run fetched (the size minus ranges an earlier run had already written).</summary>
    public long BytesTransferred { get; init; }

    public int RangesTotal { get; init; }

    public int RangesDownloaded { get; init; }

    /// <summary>Ranges an earlier run had already written.</summary>
    public int RangesSkipped { get; init; }

    public bool Resumed { get; init; }

    public string? StartedOverReason { get; init; }

    /// <summary>How the content was checked: <c>md5</c>, <c>md5-of-md5s</c>, <c>checksum-ALGORITHM</c>, or <c>none</c>.</summary>
    public required string Verification { get; init; }

    public int Retries { get; init; }

    public TimeSpan Elapsed { get; init; }
}
