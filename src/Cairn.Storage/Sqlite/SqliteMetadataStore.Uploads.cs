using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;
using static Cairn.Storage.Sqlite.ObjectRows;
using static Cairn.Storage.Sqlite.UploadRows;

namespace Cairn.Storage.Sqlite;

/// <summary>Multipart uploads, their parts, and completion.</summary>
public sealed partial class SqliteMetadataStore : IUploadStore
{
    public Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken) =>
        WriteAsync(tx =>
        {
            RequireBucket(tx, upload.Bucket);
            InsertUpload(tx, upload);
            return 0;
        }, cancellationToken);

    public Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        ReadAsync(connection => ReadUploadAsync(connection, null, uploadId, cancellationToken), cancellationToken);

    public Task<UploadWithParts?> GetUploadWithPartsAsync(string uploadId, CancellationToken cancellationToken) =>
        SnapshotAsync(async tx =>
        {
            if (await ReadUploadAsync(tx.Connection!, tx, uploadId, cancellationToken) is not { } upload)
            {
                return null;
            }

            var parts = await ReadPartsAsync(tx.Connection!, tx, uploadId, 0, int.MaxValue, cancellationToken);
            return new UploadWithParts(upload, parts);
        }, cancellationToken);

    public Task PutPartAsync(PartRecord part, CancellationToken cancellationToken) =>
        WriteAsync(tx =>
        {
            if (!UploadExists(tx, part.UploadId))
            {
                throw Failures.NoSuchUpload(part.UploadId);
            }

            Reference(tx, [part.BlobId], part.UploadId);
            if (UpsertPart(tx, part) is { } replaced)
            {
                QueueIfUnreferenced(tx, [replaced], _time.GetUtcNow());
            }

            return 0;
        }, cancellationToken);

    public Task<PartPage?> ListPartsAsync(string uploadId, int afterPartNumber, int maxParts, CancellationToken cancellationToken) =>
        SnapshotAsync(async tx =>
        {
            if (await ReadUploadAsync(tx.Connection!, tx, uploadId, cancellationToken) is not { } upload)
            {
                return null;
            }

            var parts = await ReadPartsAsync(tx.Connection!, tx, uploadId, afterPartNumber, maxParts + 1, cancellationToken);
            var truncated = parts.Count > maxParts;
            if (truncated)
            {
                parts.RemoveAt(parts.Count - 1);
            }

            return new PartPage(upload, parts, truncated, parts.Count > 0 ? parts[^1].PartNumber : null);
        }, cancellationToken);

    public Task<UploadPage> ListUploadsAsync(
        string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken) =>
        SnapshotAsync(tx => UploadListing.ListAsync(tx, bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads, cancellationToken), cancellationToken);

    public Task<bool> AbortUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        ReclaimingWriteAsync(tx =>
        {
            if (!UploadExists(tx, uploadId))
            {
                return false;
            }

            QueueIfUnreferenced(tx, RemoveUpload(tx, uploadId), _time.GetUtcNow());
            return true;
        }, cancellationToken);

    public Task<CompleteOutcome> CompleteUploadAsync(UploadCompletion completion, CancellationToken cancellationToken) =>
        WriteAsync<CompleteOutcome>(tx =>
        {
            var (uploadId, record) = (completion.UploadId, completion.Record);
            if (!UploadExists(tx, uploadId))
            {
                return ReadCompletion(tx, uploadId) is { } done && done.PartListHash == completion.PartListHash
                    ? new CompleteOutcome.AlreadyCompleted(done)
                    : new CompleteOutcome.UploadGone();
            }

            if (!record.Segments.All(s => s.PartNumber is { } number && PartBlob(tx, uploadId, number) == s.BlobId))
            {
                return new CompleteOutcome.PartsChanged();
            }

            RequireBucket(tx, record.Bucket);
            CheckAtCommit(tx, record.Bucket, record.Key, completion.Condition);
            var released = RemoveObject(tx, record.Bucket, record.Key) ?? [];
            released.UnionWith(RemoveUpload(tx, uploadId));
            InsertObject(tx, record);
            released.ExceptWith(record.Segments.Select(s => s.BlobId));
            var now = _time.GetUtcNow();
            QueueIfUnreferenced(tx, released, now);
            RememberCompletion(tx, new CompletedUpload(
                uploadId, record.Bucket, record.Key, record.ETag, completion.PartListHash, now, record.Checksums, record.ChecksumType));
            return new CompleteOutcome.Committed(record);
        }, cancellationToken);

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        ReadAsync(connection => ReadCompletionAsync(connection, uploadId, cancellationToken), cancellationToken);
}
