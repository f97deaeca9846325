namespace Cairn.Core.Limits;

/// <summary>
/// Every size and count rule in one place (docs/s3-compatibility.md "Multipart uploads", "Limits"). Defaults follow the
/// OSS design: parts of 100 KiB..5 GiB, 10,000 parts. Operators who want S3's 5 MiB minimum set
/// <see cref="MinPartSize"/>.
/// </summary>
public sealed class StorageLimits
{
    public const long KiB = 1024;
    public const long MiB = 1024 * KiB;
    public const long GiB = 1024 * MiB;

    /// <summary>Largest single PutObject body (S3: 5 GiB).</summary>
    public long MaxPutObjectSize { get; set; } = 5 * GiB;

    /// <summary>Smallest part of a multipart upload, except the last.</summary>
    public long MinPartSize { get; set; } = 100 * KiB;

    /// <summary>Largest part of a multipart upload.</summary>
    public long MaxPartSize { get; set; } = 5 * GiB;

    /// <summary>Highest part number.</summary>
    public int MaxPartNumber { get; set; } = 10_000;

    /// <summary>Largest page of any list operation (max-keys, max-parts, max-uploads).</summary>
    public int MaxListPage { get; set; } = 1000;

    /// <summary>
    /// Objects up to this size are stored inside the metadata row instead of as a blob file: one durable
    /// commit (shared with concurrent writers) instead of a file fsync, a rename and a directory fsync each.
    /// 0 stores every object as a blob.
    /// </summary>
    public int InlineObjectMaxSize { get; set; } = 64 * (int)KiB;

    /// <summary>Longest object key in UTF-8 bytes.</summary>
    public int MaxKeyBytes { get; set; } = 1023;

    /// <summary>Largest XML control document (DeleteObjects, CompleteMultipartUpload) read into memory.</summary>
    public int MaxXmlBodyBytes { get; set; } = 2 * (int)MiB;

    /// <summary>Largest total size of user metadata (x-amz-meta-*) names and values.</summary>
    public int MaxUserMetadataBytes { get; set; } = 2 * (int)KiB;

    /// <summary>Most keys one DeleteObjects request may name.</summary>
    public int MaxDeleteObjects { get; set; } = 1000;

    /// <summary>
    /// Free space the data volume keeps: a write is refused up front (InsufficientStorage) when the space it
    /// brings would leave less than this free. A margin for what the check cannot see coming (the metadata
    /// database and its log, temp files, other programs on the volume), so that the volume does not run full in
    /// the first place; 64 MiB is nothing on a real disk and still lets small test volumes work. 0 turns the
    /// check off; running out of space mid-write is still reported as InsufficientStorage, and the reserve that
    /// keeps deletes working stays.
    /// </summary>
    public long MinFreeSpace { get; set; } = 64 * MiB;
}
