namespace Cairn.Client.Upload;

/// <summary>
/// What an upload did, including what a resumed run found already done; the CLI prints it (and its
/// <c>--json</c> form) so scripts and tests can tell parts sent from parts skipped.
/// </summary>
public sealed record UploadResult
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    /// <summary>The object's ETag (verified against the locally computed MD5 or md5-of-md5s).</summary>
    public required string ETag { get; init; }

    public required long Size { get; init; }

    /// <summary>True for a multipart upload, false for a single PutObject.</summary>
    public required bool Multipart { get; init; }

    public long PartSize { get; init; }

    public int PartsTotal { get; init; }

    /// <summary>Bytes this run sent (the size minus what an earlier run had already stored).</summary>
    public long BytesTransferred { get; init; }

    /// <summary>Parts sent by this run.</summary>
    public int PartsUploaded { get; init; }

    /// <summary>Parts an earlier run had already stored on the server.</summary>
    public int PartsSkipped { get; init; }

    /// <summary>True when an earlier run's checkpoint was continued.</summary>
    public bool Resumed { get; init; }

    /// <summary>Why an existing checkpoint could not be continued (source changed, upload gone), if it could not.</summary>
    public string? StartedOverReason { get; init; }

    /// <summary>Requests retried after transient failures.</summary>
    public int Retries { get; init; }

    public TimeSpan Elapsed { get; init; }
}
