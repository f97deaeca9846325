using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Names;
using Cairn.Core.Objects;
using Cairn.Core.Ports;

namespace Cairn.Core.Multipart;

/// <summary>
/// Multipart upload use cases (docs/storage.md). Parts are blobs of their own; Complete is one metadata
/// transaction that turns them into the object's segments without reading or copying part data.
/// </summary>
public sealed class MultipartService(
    IBucketStore buckets, IObjectStore objects, IUploadStore uploads, IBlobStore blobs, StorageLimits limits, SpaceAdmission space, TimeProvider time,
    ChecksumPolicy? checksums = null)
{
    /// <summary>How many times Complete builds the object when listed parts keep being uploaded again meanwhile.</summary>
    private const int MaxBuildAttempts = 3;

    private readonly BlobIngest _ingest = new(blobs);
    private readonly ChecksumPolicy _checksums = checksums ?? ChecksumPolicy.Default;

    public async Task<UploadRecord> InitiateAsync(UploadRecord template, CancellationToken cancellationToken)
    {
        ObjectKey.ValidateForWrite(template.Key, limits.MaxKeyBytes);
        _ = await buckets.GetBucketAsync(template.Bucket, cancellationToken) ?? throw Failures.NoSuchBucket(template.Bucket);
        space.AdmitMetadata();
        var now = time.GetUtcNow();
        var upload = template with
        {
            UploadId = UploadIds.New(now),
            InitiatedAt = now,
        };
        await uploads.CreateUploadAsync(upload, cancellationToken);
        return upload;
    }

    public async Task<PartRecord> UploadPartAsync(UploadPartCommand command, Stream body, CancellationToken cancellationToken)
    {
        CheckPartNumber(command.PartNumber);
        if (command.ContentLength > limits.MaxPartSize)
        {
            throw new CairnException(ErrorCode.EntityTooLarge);
        }

        var upload = await RequireUploadAsync(command.Bucket, command.Key, command.UploadId, cancellationToken);
        CheckPartChecksum(upload, command.Integrity);

        // The upload's declared algorithm and the policy's are computed for every part, whatever the part itself
        // carries, so Complete can build the object's checksums from stored values alone.
        var algorithms = _checksums.With(command.Integrity.Algorithms.Concat(upload.ChecksumAlgorithm is { } a ? [a] : []));
        var integrity = command.Integrity.Computing(algorithms);
        using var claim = space.Admit(command.ContentLength ?? 0);
        var (blobId, hashes) = await _ingest.WriteAsync(body, command.ContentLength, limits.MaxPartSize, integrity, claim, cancellationToken);
        return await StorePartAsync(upload.UploadId, command.PartNumber, blobId, hashes);
    }

    /// <summary>
    /// UploadPartCopy. A whole single-blob source becomes the part by reference (no bytes move); a range, or a
    /// source made of several parts, is streamed into a new blob.
    /// </summary>
    public async Task<PartRecord> UploadPartCopyAsync(
        string bucket, string key, string uploadId, int partNumber, ObjectRecord source, (long Start, long Length)? range, CancellationToken cancellationToken)
    {
        CheckPartNumber(partNumber);
        var upload = await RequireUploadAsync(bucket, key, uploadId, cancellationToken);
        var (start, length) = range ?? (0, source.Size);
        if (length > limits.MaxPartSize)
        {
            throw new CairnException(ErrorCode.EntityTooLarge);
        }

        var wanted = _checksums.With(upload.ChecksumAlgorithm is { } algorithm ? [algorithm] : []);
        var shareable = range is null && source.PartsCount is null && source.Segments.Count == 1
            && wanted.All(source.Checksums.ContainsKey);
        if (shareable)
        {
            space.AdmitMetadata();
            var part = new PartRecord
            {
                UploadId = uploadId,
                PartNumber = partNumber,
                BlobId = source.Segments[0].BlobId,
                Size = source.Size,
                ETag = source.ETag,
                LastModified = time.GetUtcNow(),
                Checksums = source.Checksums,
            };
            await uploads.PutPartAsync(part, cancellationToken);
            return part;
        }

        using var claim = space.Admit(length);
        await using var content = ObjectContent.Open(blobs, source, start, length);
        var integrity = new IntegrityExpectation(null, null, null, wanted);
        var (blobId, hashes) = await _ingest.WriteAsync(content, length, limits.MaxPartSize, integrity, claim, cancellationToken);
        return await StorePartAsync(uploadId, partNumber, blobId, hashes);
    }

    /// <summary>
    /// Completes the upload. Validation order (docs/s3-compatibility.md): NoSuchUpload, MalformedXML (empty list),
    /// InvalidPartOrder, the write condition, InvalidPart, EntityTooSmall. A retried Complete of an upload that just
    /// completed with the same list answers the same result.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The upload and its parts are read once; the object is validated and built from that read, outside any
    /// transaction, and the store commits it only if nothing it was built from changed (docs/storage.md). A part
    /// uploaded again in between makes the service build once more from a fresh read, a bounded number of times.
    /// </para>
    /// <para>
    /// A part number listed more than once counts once, with its last entry, as S3 does: a client that re-sent a
    /// part while the first send was still running records both ETags, and the part that finished last is the one
    /// the upload holds.
    /// </para>
    /// </remarks>
    /// <param name="readRequest">Reads the request body and conditions; called once the upload is known.</param>
    public async Task<ObjectRecord> CompleteAsync(
        string bucket, string key, string uploadId, Func<CancellationToken, Task<CompleteRequest>> readRequest, CancellationToken cancellationToken)
    {
        var snapshot = await uploads.GetUploadWithPartsAsync(uploadId, cancellationToken);
        if (snapshot is null || snapshot.Upload.Bucket != bucket || snapshot.Upload.Key != key)
        {
            // Gone: only a retry of a recent completion of this very upload gets an answer.
            var done = await uploads.GetCompletedUploadAsync(uploadId, cancellationToken);
            if (done is null || !done.Answers(bucket, key, time.GetUtcNow()))
            {
                throw Failures.NoSuchUpload(uploadId);
            }

            var retry = await readRequest(cancellationToken);
            return await RetriedAnswerAsync(done, PartListHash.Of(retry.Parts), bucket, key, uploadId, cancellationToken);
        }

        var request = await readRequest(cancellationToken);
        var chosen = ChooseParts(request.Parts);
        await request.Condition.CheckAsync(objects, bucket, key, cancellationToken);
        space.AdmitMetadata();
        var listHash = PartListHash.Of(request.Parts);
        for (var attempt = 1; ; attempt++)
        {
            var record = BuildObject(snapshot, chosen);
            var outcome = await uploads.CompleteUploadAsync(new UploadCompletion(uploadId, record, listHash, request.Condition), cancellationToken);
            switch (outcome)
            {
                case CompleteOutcome.Committed committed:
                    return committed.Record;
                case CompleteOutcome.AlreadyCompleted already:
                    return await RetriedAnswerAsync(already.Completion, listHash, bucket, key, uploadId, cancellationToken);
                case CompleteOutcome.PartsChanged when attempt < MaxBuildAttempts:
                    // A listed part was uploaded again since the read: build from what the upload holds now.
                    snapshot = await uploads.GetUploadWithPartsAsync(uploadId, cancellationToken);
                    if (snapshot is null)
                    {
                        var done = await uploads.GetCompletedUploadAsync(uploadId, cancellationToken) ?? throw Failures.NoSuchUpload(uploadId);
                        return await RetriedAnswerAsync(done, listHash, bucket, key, uploadId, cancellationToken);
                    }

                    break;
                case CompleteOutcome.PartsChanged:
                    throw new CairnException(ErrorCode.SlowDown, "The upload's parts kept changing while it was being completed; retry the request.");
                default:
                    throw Failures.NoSuchUpload(uploadId);
            }
        }
    }

    /// <summary>
    /// The parts a list asks for, in order: MalformedXML for an empty list, InvalidPartOrder for a decreasing part
    /// number; a repeated number keeps its last entry.
    /// </summary>
    private static List<CompletePart> ChooseParts(IReadOnlyList<CompletePart> list)
    {
        if (list.Count == 0)
        {
            throw new CairnException(ErrorCode.MalformedXML, "The XML you provided was not well-formed or did not validate against our published schema.");
        }

        var chosen = new List<CompletePart>(list.Count);
        foreach (var entry in list)
        {
            if (chosen.Count > 0 && entry.PartNumber < chosen[^1].PartNumber)
            {
                throw new CairnException(ErrorCode.InvalidPartOrder);
            }

            if (chosen.Count > 0 && entry.PartNumber == chosen[^1].PartNumber)
            {
                chosen[^1] = entry;
            }
            else
            {
                chosen.Add(entry);
            }
        }

        return chosen;
    }

    public async Task AbortAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        await RequireUploadAsync(bucket, key, uploadId, cancellationToken);
        if (!await uploads.AbortUploadAsync(uploadId, cancellationToken))
        {
            throw Failures.NoSuchUpload(uploadId);
        }
    }

    public async Task<PartPage> ListPartsAsync(string bucket, string key, string uploadId, int afterPartNumber, int? maxParts, CancellationToken cancellationToken)
    {
        await RequireUploadAsync(bucket, key, uploadId, cancellationToken);
        var page = Math.Min(maxParts ?? limits.MaxListPage, limits.MaxListPage);
        return await uploads.ListPartsAsync(uploadId, afterPartNumber, page, cancellationToken) ?? throw Failures.NoSuchUpload(uploadId);
    }

    public async Task<UploadPage> ListUploadsAsync(
        string bucket, string? prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int? maxUploads, CancellationToken cancellationToken)
    {
        _ = await buckets.GetBucketAsync(bucket, cancellationToken) ?? throw Failures.NoSuchBucket(bucket);
        var page = Math.Min(maxUploads ?? limits.MaxListPage, limits.MaxListPage);
        return await uploads.ListUploadsAsync(bucket, prefix ?? string.Empty, string.IsNullOrEmpty(delimiter) ? null : delimiter,
            string.IsNullOrEmpty(keyMarker) ? null : keyMarker, string.IsNullOrEmpty(uploadIdMarker) ? null : uploadIdMarker, page, cancellationToken);
    }

    public async Task<UploadRecord> RequireUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        var upload = await uploads.GetUploadAsync(uploadId, cancellationToken);
        return upload is not null && upload.Bucket == bucket && upload.Key == key ? upload : throw Failures.NoSuchUpload(uploadId);
    }

    /// <summary>
    /// The object the chosen parts make, from one read of the upload: InvalidPart when a listed part is missing or
    /// differs from the list, EntityTooSmall when a part but the last is below the minimum size.
    /// </summary>
    private ObjectRecord BuildObject(UploadWithParts snapshot, List<CompletePart> list)
    {
        var upload = snapshot.Upload;
        var parts = snapshot.Parts.ToDictionary(p => p.PartNumber);
        var chosen = new List<PartRecord>(list.Count);
        foreach (var entry in list)
        {
            if (!parts.TryGetValue(entry.PartNumber, out var part) || part.ETag != MultipartETag.Normalize(entry.ETag)
                || entry.Checksums.Any(c => part.Checksums.TryGetValue(c.Key, out var stored) && stored != c.Value))
            {
                throw new CairnException(ErrorCode.InvalidPart)
                {
                    Details = new ErrorDetails { PartNumber = entry.PartNumber, ETag = entry.ETag },
                };
            }

            chosen.Add(part);
        }

        for (var i = 0; i < chosen.Count - 1; i++)
        {
            if (chosen[i].Size < limits.MinPartSize)
            {
                throw new CairnException(ErrorCode.EntityTooSmall)
                {
                    Details = new ErrorDetails { ProposedSize = chosen[i].Size, MinSizeAllowed = limits.MinPartSize, PartNumber = chosen[i].PartNumber },
                };
            }
        }

        var checksums = new Dictionary<ChecksumAlgorithm, string>();
        if (upload.ChecksumAlgorithm is { } algorithm && chosen.All(p => p.Checksums.ContainsKey(algorithm)))
        {
            var raw = chosen.Select(p => (Convert.FromBase64String(p.Checksums[algorithm]), p.Size)).ToList();
            checksums[algorithm] = MultipartChecksum.Compute(algorithm, upload.ChecksumType ?? MultipartChecksum.DefaultType(algorithm), raw);
        }

        var checksumType = checksums.Count > 0 ? upload.ChecksumType ?? MultipartChecksum.DefaultType(upload.ChecksumAlgorithm!.Value) : (ChecksumType?)null;
        if (ChecksumPolicy.CombineCrc64Xz([.. chosen.Select(p => (p.Checksums.GetValueOrDefault(ChecksumAlgorithm.Crc64Xz), p.Size))]) is { } crc64)
        {
            checksums[ChecksumAlgorithm.Crc64Xz] = crc64;
        }

        return new ObjectRecord
        {
            Bucket = upload.Bucket,
            Key = upload.Key,
            Size = chosen.Sum(p => p.Size),
            ETag = MultipartETag.Compute(chosen.Select(p => p.ETag).ToList()),
            LastModified = time.GetUtcNow(),
            Headers = upload.Headers,
            UserMetadata = upload.UserMetadata,
            Checksums = checksums,
            ChecksumType = checksumType,
            Owner = upload.Owner,
            Acl = upload.Acl,
            Tags = upload.Tags,
            PartsCount = chosen.Count,
            Segments = chosen.Select(p => new Segment(p.BlobId, 0, p.Size, p.PartNumber, p.ETag, PartChecksum(upload, p))).ToList(),
        };
    }

    /// <summary>The part's checksum of the upload's algorithm, kept with the object's segment.</summary>
    private static Dictionary<ChecksumAlgorithm, string>? PartChecksum(UploadRecord upload, PartRecord part) =>
        upload.ChecksumAlgorithm is { } algorithm && part.Checksums.TryGetValue(algorithm, out var value)
            ? new Dictionary<ChecksumAlgorithm, string> { [algorithm] = value }
            : null;

    /// <summary>
    /// The answer to a retried Complete: the same object as the completion made, when the retry lists the same
    /// parts for the same bucket and key within <see cref="CompletedUpload.Memory"/>; NoSuchUpload otherwise.
    /// </summary>
    private async Task<ObjectRecord> RetriedAnswerAsync(
        CompletedUpload done, string listHash, string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        if (done.PartListHash != listHash || !done.Answers(bucket, key, time.GetUtcNow()))
        {
            throw Failures.NoSuchUpload(uploadId);
        }

        return await objects.GetObjectAsync(bucket, key, cancellationToken) is { } current && current.ETag == done.ETag
            ? current
            : new ObjectRecord
            {
                Bucket = bucket,
                Key = key,
                Size = 0,
                ETag = done.ETag,
                LastModified = done.CompletedAt,
                Checksums = done.Checksums,
                ChecksumType = done.ChecksumType,
            };
    }

    /// <summary>AWS fixes the algorithm at Create: a part carrying another one is refused (docs/s3-compatibility.md).</summary>
    private static void CheckPartChecksum(UploadRecord upload, IntegrityExpectation integrity)
    {
        if (upload.ChecksumAlgorithm is { } declared && integrity.ChecksumAlgorithm is { } sent && sent.IsAmz() && sent != declared)
        {
            throw new CairnException(ErrorCode.InvalidRequest,
                $"Checksum Type mismatch occurred, expected checksum Type: {declared.Name().ToLowerInvariant()}, actual checksum Type: {sent.Name().ToLowerInvariant()}");
        }
    }

    private void CheckPartNumber(int partNumber)
    {
        if (partNumber < 1 || partNumber > limits.MaxPartNumber)
        {
            throw new CairnException(ErrorCode.InvalidArgument, $"Part number must be an integer between 1 and {limits.MaxPartNumber}, inclusive")
            {
                Details = new ErrorDetails { ArgumentName = "partNumber", ArgumentValue = partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
        }
    }

    /// <summary>Stores a freshly written part; if the upload vanished meanwhile, its blob is deleted at once.</summary>
    private async Task<PartRecord> StorePartAsync(string uploadId, int partNumber, string blobId, ContentHashes hashes)
    {
        var part = new PartRecord
        {
            UploadId = uploadId,
            PartNumber = partNumber,
            BlobId = blobId,
            Size = hashes.Length,
            ETag = hashes.Md5Hex,
            LastModified = time.GetUtcNow(),
            Checksums = hashes.Base64Checksums(),
        };
        try
        {
            await uploads.PutPartAsync(part, CancellationToken.None);
        }
        catch
        {
            blobs.Delete(part.BlobId);
            throw;
        }

        return part;
    }
}
