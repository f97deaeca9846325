using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;
using static Cairn.Storage.Postgres.ObjectRows;
using static Cairn.Storage.Postgres.UploadRows;

namespace Cairn.Storage.Postgres;

/// <summary>
/// Multipart uploads, their parts, and completion. Every write of an upload holds its row: Complete and Abort
/// exclusively (<see cref="Locks.UploadAsync"/>), so they run one at a time, on any node, each seeing what the previous
/// one committed; storing a part shares it (<see cref="Locks.UploadPartAsync"/>), so the parts of one upload are
/// stored concurrently and a Complete or Abort waits for those in flight.
/// </summary>
public sealed partial class PostgresMetadataStore : IUploadStore
{
    public Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken) =>
        WriteAsync(async tx =>
        {
            await RequireBucketAsync(tx, upload.Bucket, cancellationToken);
            await InsertUploadAsync(tx, upload, cancellationToken);
            return 0;
        }, cancellationToken);

    public Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        Nul.In(uploadId) ? Task.FromResult<UploadRecord?>(null) : ReadAsync(connection => ReadUploadAsync(connection, null, uploadId, cancellationToken), cancellationToken);

    public Task<UploadWithParts?> GetUploadWithPartsAsync(string uploadId, CancellationToken cancellationToken) =>
        SnapshotAsync(async tx =>
        {
            if (Nul.In(uploadId) || await ReadUploadAsync(tx.Connection!, tx, uploadId, cancellationToken) is not { } upload)
            {
                return null;
            }

            return new UploadWithParts(upload, await ReadPartsAsync(tx, uploadId, 0, int.MaxValue, cancellationToken));
        }, cancellationToken);

    public Task PutPartAsync(PartRecord part, CancellationToken cancellationToken) =>
        WriteAsync(async tx =>
        {
            if (Nul.In(part.UploadId) || !await Locks.UploadPartAsync(tx, part.UploadId, part.PartNumber, cancellationToken))
            {
                throw Failures.NoSuchUpload(part.UploadId);
            }

            await ReferenceAsync(tx, [part.BlobId], part.UploadId, cancellationToken);
            if (await UpsertPartAsync(tx, part, cancellationToken) is { } replaced)
            {
                await QueueIfUnreferencedAsync(tx, [replaced], _time.GetUtcNow(), cancellationToken);
            }

            return 0;
        }, cancellationToken);

    public Task<PartPage?> ListPartsAsync(string uploadId, int afterPartNumber, int maxParts, CancellationToken cancellationToken) =>
        SnapshotAsync(async tx =>
        {
            if (Nul.In(uploadId) || await ReadUploadAsync(tx.Connection!, tx, uploadId, cancellationToken) is not { } upload)
            {
                return null;
            }

            var parts = await ReadPartsAsync(tx, uploadId, afterPartNumber, maxParts + 1, cancellationToken);
            var truncated = parts.Count > maxParts;
            if (truncated)
            {
                parts.RemoveAt(parts.Count - 1);
            }

            return new PartPage(upload, parts, truncated, parts.Count > 0 ? parts[^1].PartNumber : null);
        }, cancellationToken);

    public Task<UploadPage> ListUploadsAsync(
        string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken) =>
        Nul.In(prefix)
            ? Task.FromResult(new UploadPage([], [], false, null, null))
            : SnapshotAsync(tx => UploadListing.ListAsync(tx, bucket, prefix, Nul.Delimiter(delimiter), Nul.Cut(keyMarker),
                Nul.In(keyMarker) ? null : Nul.Cut(uploadIdMarker), maxUploads, cancellationToken), cancellationToken);

    public Task<bool> AbortUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        WriteAsync(async tx =>
        {
            if (Nul.In(uploadId) || !await Locks.UploadAsync(tx, uploadId, cancellationToken))
            {
                return false;
            }

            await QueueIfUnreferencedAsync(tx, await RemoveUploadAsync(tx, uploadId, cancellationToken), _time.GetUtcNow(), cancellationToken);
            return true;
        }, cancellationToken);

    public Task<CompleteOutcome> CompleteUploadAsync(UploadCompletion completion, CancellationToken cancellationToken) =>
        WriteAsync<CompleteOutcome>(async tx =>
        {
            var (uploadId, record) = (completion.UploadId, completion.Record);
            if (Nul.In(uploadId))
            {
                return new CompleteOutcome.UploadGone();
            }

            // The lock order is bucket, then upload: the bucket is held before it is known to matter, and only
            // reported missing after the outcomes that do not need it.
            var bucketExists = await Locks.BucketAsync(tx, record.Bucket, cancellationToken);
            if (!await Locks.UploadAsync(tx, uploadId, cancellationToken))
            {
                return await ReadCompletionAsync(tx.Connection!, tx, uploadId, cancellationToken) is { } done && done.PartListHash == completion.PartListHash
                    ? new CompleteOutcome.AlreadyCompleted(done)
                    : new CompleteOutcome.UploadGone();
            }

            if (!await PartsHoldAsync(tx, uploadId, record.Segments, cancellationToken))
            {
                return new CompleteOutcome.PartsChanged();
            }

            if (!bucketExists)
            {
                throw Failures.NoSuchBucket(record.Bucket);
            }

            await Locks.ObjectKeyAsync(tx, record.Bucket, record.Key, cancellationToken);
            await CheckAtCommitAsync(tx, record.Bucket, record.Key, completion.Condition, cancellationToken);
            var released = await RemoveObjectAsync(tx, record.Bucket, record.Key, cancellationToken) ?? [];
            released.UnionWith(await RemoveUploadAsync(tx, uploadId, cancellationToken));
            await InsertObjectAsync(tx, record, cancellationToken);
            released.ExceptWith(record.Segments.Select(s => s.BlobId));
            var now = _time.GetUtcNow();
            await QueueIfUnreferencedAsync(tx, released, now, cancellationToken);
            await RememberCompletionAsync(tx, new CompletedUpload(
                uploadId, record.Bucket, record.Key, record.ETag, completion.PartListHash, now, record.Checksums, record.ChecksumType), cancellationToken);
            return new CompleteOutcome.Committed(record);
        }, cancellationToken);

    public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        Nul.In(uploadId) ? Task.FromResult<CompletedUpload?>(null) : ReadAsync(connection => ReadCompletionAsync(connection, null, uploadId, cancellationToken), cancellationToken);
}
