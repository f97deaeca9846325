namespace Cairn.Core.Ports;

/// <summary>
/// Immutable blobs named by random ids. A blob is written through a <see cref="IBlobWriter"/> (a temp file)
/// and becomes addressable only once committed: durable on disk (flushed, renamed, directory synced).
/// Deleting a blob that a reader has open does not disturb that reader.
/// </summary>
public interface IBlobStore
{
    /// <summary>Starts a new blob in temporary space. Disposing the writer without committing deletes it.</summary>
    IBlobWriter CreateWriter();

    /// <summary>Opens a committed blob for reading; throws FileNotFoundException when it is gone.</summary>
    Stream OpenRead(string blobId);

    /// <summary>Whether the committed blob's file is there (what verify checks for every referenced blob).</summary>
    bool Exists(string blobId);

    /// <summary>Deletes a committed blob; a missing blob is not an error.</summary>
    void Delete(string blobId);

    /// <summary>Every committed blob id with its last write time (for the orphan sweep).</summary>
    IEnumerable<(string BlobId, DateTimeOffset WrittenAt)> EnumerateBlobs();

    /// <summary>
    /// Deletes temp files last written at or before <paramref name="writtenBefore"/> (leftovers of a crash). The
    /// caller's clock decides the cutoff, as it does for the blob times <see cref="EnumerateBlobs"/> reports.
    /// </summary>
    int CleanTemporary(DateTimeOffset writtenBefore);
}

/// <summary>A blob being written. Single writer; not thread-safe.</summary>
public interface IBlobWriter : IAsyncDisposable
{
    string BlobId { get; }

    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Flushes to stable storage and moves the blob into place; afterwards it can be referenced.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
