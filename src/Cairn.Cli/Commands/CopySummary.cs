namespace Cairn.Cli.Commands;

/// <summary>One transfer as reported by <c>cp --json</c>: sizes, part accounting (sent vs skipped on resume) and speed.</summary>
internal sealed record CopySummary
{
    public required string Operation { get; init; }

    public required string Source { get; init; }

    public required string Destination { get; init; }

    public required long Size { get; init; }

    public required string ETag { get; init; }

    /// <summary>Bytes moved by this run (less than <see cref="Size"/> when resumed).</summary>
    public long BytesTransferred { get; init; }

    public bool Multipart { get; init; }

    public long PartSize { get; init; }

    public int PartsTotal { get; init; }

    public int PartsUploaded { get; init; }

    public int PartsSkipped { get; init; }

    public int RangesDownloaded { get; init; }

    public int RangesSkipped { get; init; }

    public bool Resumed { get; init; }

    public string? StartedOverReason { get; init; }

    public string? Verification { get; init; }

    public int Retries { get; init; }

    public double Seconds { get; init; }

    /// <summary><see cref="BytesTransferred"/> per second of this run.</summary>
    public double BytesPerSecond { get; init; }
}
