using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;

namespace Cairn.Storage.Tests.Metadata;

/// <summary>
/// Multipart uploads: create and read an upload, put (and replace) parts, list parts, abort, complete, and
/// the bucket deletion that aborts leftover uploads. Listing uploads is in <see cref="UploadListingContract{TStore}"/>.
/// </summary>
public abstract class MultipartContract<TStore> : MetadataStoreContractBase<TStore>
    where TStore : class, IBucketStore, IObjectStore, IUploadStore, IGarbageStore
{
    // ---------------------------------------------------------------- uploads

    [SkippableFact]
    public async Task Creating_an_upload_in_a_missing_bucket_fails_with_NoSuchBucket_and_stores_nothing()
    {
        var upload = NewUpload("missing", "k");

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.CreateUploadAsync(upload, None));

        Assert.Equal(ErrorCode.NoSuchBucket, error.Code);
        Assert.Null(await Store.GetUploadAsync(upload.UploadId, None));
        await CreateBucket("missing");
        Assert.Empty((await Store.ListUploadsAsync("missing", "", null, null, null, 1000, None)).Uploads);
    }

    [SkippableFact]
    public async Task An_upload_round_trips_every_field()
    {
        await CreateBucket("photos");
        var upload = NewUpload("photos", "albums/été 😀.jpg") with
        {
            InitiatedAt = Millis(1_717_171_717_171),
            Owner = "alice",
            Headers = new ObjectHeaders
            {
                ContentType = "image/jpeg",
                ContentEncoding = "gzip",
                ContentDisposition = "attachment; filename=\"été.jpg\"",
                ContentLanguage = "fr-CH",
                CacheControl = "max-age=3600",
                Expires = "Wed, 21 Oct 2015 07:28:00 GMT",
                StorageClass = "STANDARD_IA",
            },
            UserMetadata = new Dictionary<string, string> { ["camera"] = "Nikon Z6", ["quote"] = "\"x\"", ["empty"] = "" },
            ChecksumAlgorithm = ChecksumAlgorithm.Crc64Nvme,
            ChecksumType = ChecksumType.FullObject,
        };

        await Store.CreateUploadAsync(upload, None);

        AssertSameUpload(upload, await Store.GetUploadAsync(upload.UploadId, None));
    }

    [SkippableFact]
    public async Task An_upload_without_optional_fields_round_trips_them_as_absent()
    {
        await CreateBucket("photos");
        var upload = new UploadRecord { UploadId = "plain-upload", Bucket = "photos", Key = "k", InitiatedAt = Millis(1_600_000_000_001) };

        await Store.CreateUploadAsync(upload, None);
        var stored = await Store.GetUploadAsync("plain-upload", None);

        AssertSameUpload(upload, stored);
        Assert.Null(stored!.ChecksumAlgorithm);
        Assert.Null(stored.ChecksumType);
        Assert.Empty(stored.UserMetadata);
    }

    [SkippableFact]
    public async Task Getting_an_upload_that_does_not_exist_returns_null()
    {
        await CreateBucket("photos");
        await Store.CreateUploadAsync(NewUpload("photos", "k", "upload-1"), None);

        Assert.Null(await Store.GetUploadAsync("upload-2", None));
        Assert.Null(await Store.GetUploadAsync("UPLOAD-1", None));
    }

    // ---------------------------------------------------------------- parts

    [SkippableFact]
    public async Task Putting_a_part_of_a_missing_upload_fails_with_NoSuchUpload_and_references_nothing()
    {
        var part = NewPart("no-such-upload", 1);

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.PutPartAsync(part, None));

        Assert.Equal(ErrorCode.NoSuchUpload, error.Code);
        Assert.False(await Store.IsBlobReferencedAsync(part.BlobId, None));
    }

    [SkippableFact]
    public async Task Putting_a_part_of_an_aborted_upload_fails_with_NoSuchUpload()
    {
        var upload = await CreateUpload("b", "k");
        await Store.AbortUploadAsync(upload.UploadId, None);

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.PutPartAsync(NewPart(upload.UploadId, 1), None));

        Assert.Equal(ErrorCode.NoSuchUpload, error.Code);
    }

    [SkippableFact]
    public async Task A_part_round_trips_every_field_and_references_its_blob()
    {
        var upload = await CreateUpload("b", "k");
        var part = NewPart(upload.UploadId, 7) with
        {
            Size = 5_000_000_001,
            Checksums = new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc32C] = "yZRlqg==", [ChecksumAlgorithm.Sha1] = "2jmj7l5rSw0yVb/vlWAYkK/YBwk=" },
        };

        await Store.PutPartAsync(part, None);

        var stored = Assert.Single((await Store.ListPartsAsync(upload.UploadId, 0, 1000, None))!.Parts);
        AssertSamePart(part, stored);
        Assert.True(await Store.IsBlobReferencedAsync(part.BlobId, None));
    }

    [SkippableFact]
    public async Task Re_putting_a_part_number_replaces_the_part_and_queues_the_old_blob_as_garbage()
    {
        var upload = await CreateUpload("b", "k");
        var first = NewPart(upload.UploadId, 1);
        var other = NewPart(upload.UploadId, 2);
        await Store.PutPartAsync(first, None);
        await Store.PutPartAsync(other, None);

        var second = NewPart(upload.UploadId, 1) with { ETag = "0123456789abcdef0123456789abcdef", Size = 42 };
        await Store.PutPartAsync(second, None);

        var parts = (await Store.ListPartsAsync(upload.UploadId, 0, 1000, None))!.Parts;
        Assert.Equal([1, 2], parts.Select(p => p.PartNumber));
        AssertSamePart(second, parts[0]);
        Assert.Equal([first.BlobId], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.False(await Store.IsBlobReferencedAsync(first.BlobId, None));
        Assert.True(await Store.IsBlobReferencedAsync(second.BlobId, None));
    }

    [SkippableFact]
    public async Task Re_putting_a_part_with_the_same_blob_does_not_queue_that_blob()
    {
        var upload = await CreateUpload("b", "k");
        var part = NewPart(upload.UploadId, 1);
        await Store.PutPartAsync(part, None);

        await Store.PutPartAsync(part with { ETag = "0123456789abcdef0123456789abcdef" }, None);

        Assert.Empty(await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.True(await Store.IsBlobReferencedAsync(part.BlobId, None));
        Assert.Equal("0123456789abcdef0123456789abcdef", Assert.Single((await Store.ListPartsAsync(upload.UploadId, 0, 10, None))!.Parts).ETag);
    }

    [SkippableFact]
    public async Task Listing_parts_pages_by_part_number_with_exact_truncation_and_markers()
    {
        var upload = await CreateUpload("b", "k");
        foreach (var number in new[] { 8, 1, 5, 3, 2 })
        {
            await Store.PutPartAsync(NewPart(upload.UploadId, number), None);
        }

        var first = await Store.ListPartsAsync(upload.UploadId, 0, 2, None);
        var second = await Store.ListPartsAsync(upload.UploadId, first!.NextPartNumberMarker!.Value, 2, None);
        var third = await Store.ListPartsAsync(upload.UploadId, second!.NextPartNumberMarker!.Value, 2, None);
        var exactFit = await Store.ListPartsAsync(upload.UploadId, 2, 3, None);
        var between = await Store.ListPartsAsync(upload.UploadId, 4, 1000, None);
        var pastEnd = await Store.ListPartsAsync(upload.UploadId, 8, 1000, None);

        Assert.Equal([1, 2], first.Parts.Select(p => p.PartNumber));
        Assert.True(first.IsTruncated);
        Assert.Equal(2, first.NextPartNumberMarker);
        Assert.Equal([3, 5], second.Parts.Select(p => p.PartNumber));
        Assert.True(second.IsTruncated);
        Assert.Equal(5, second.NextPartNumberMarker);
        Assert.Equal([8], third!.Parts.Select(p => p.PartNumber));
        Assert.False(third.IsTruncated);
        Assert.Equal(8, third.NextPartNumberMarker);
        Assert.Equal([3, 5, 8], exactFit!.Parts.Select(p => p.PartNumber));
        Assert.False(exactFit.IsTruncated);
        Assert.Equal([5, 8], between!.Parts.Select(p => p.PartNumber));
        Assert.Empty(pastEnd!.Parts);
        Assert.False(pastEnd.IsTruncated);
        Assert.Null(pastEnd.NextPartNumberMarker);
        AssertSameUpload(upload, first.Upload);
    }

    [SkippableFact]
    public async Task Listing_parts_of_a_missing_upload_returns_null()
    {
        var upload = await CreateUpload("b", "k");

        Assert.Null(await Store.ListPartsAsync("no-such-upload", 0, 1000, None));
        Assert.NotNull(await Store.ListPartsAsync(upload.UploadId, 0, 1000, None));
    }

    // ---------------------------------------------------------------- abort

    [SkippableFact]
    public async Task Aborting_returns_false_for_an_unknown_upload_and_true_exactly_once()
    {
        var upload = await CreateUpload("b", "k");

        Assert.False(await Store.AbortUploadAsync("no-such-upload", None));
        Assert.True(await Store.AbortUploadAsync(upload.UploadId, None));
        Assert.False(await Store.AbortUploadAsync(upload.UploadId, None));

        Assert.Null(await Store.GetUploadAsync(upload.UploadId, None));
        Assert.Null(await Store.ListPartsAsync(upload.UploadId, 0, 1000, None));
        Assert.Empty((await Store.ListUploadsAsync("b", "", null, null, null, 1000, None)).Uploads);
    }

    [SkippableFact]
    public async Task Aborting_queues_every_part_blob_but_not_one_an_object_still_references()
    {
        var upload = await CreateUpload("b", "k");
        var parts = await PutParts(upload, 1, 2, 3);
        var shared = NewPart(upload.UploadId, 4);
        await Store.PutObjectAsync(NewObject("b", "other", shared.BlobId), None);
        await Store.PutPartAsync(shared, None);

        Assert.True(await Store.AbortUploadAsync(upload.UploadId, None));

        Assert.Equal(parts.Select(p => p.BlobId).Order(), (await Store.GetGarbageAsync(TimeSpan.Zero, 100, None)).Order());
        Assert.True(await Store.IsBlobReferencedAsync(shared.BlobId, None));
    }

    // ---------------------------------------------------------------- complete

    [SkippableFact]
    public async Task A_completion_whose_part_was_uploaded_again_commits_nothing_and_leaves_the_upload_untouched()
    {
        var upload = await CreateUpload("b", "k");
        var parts = await PutParts(upload, 1, 2);
        var built = BuildFrom(upload, parts[0], parts[1]);
        var again = NewPart(upload.UploadId, 2);
        await Store.PutPartAsync(again, None);

        var outcome = await Store.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "hash", WriteCondition.None), None);

        Assert.IsType<CompleteOutcome.PartsChanged>(outcome);
        AssertSameUpload(upload, await Store.GetUploadAsync(upload.UploadId, None));
        Assert.Equal([parts[0].BlobId, again.BlobId], (await Store.ListPartsAsync(upload.UploadId, 0, 1000, None))!.Parts.Select(p => p.BlobId));
        Assert.Null(await Store.GetObjectAsync("b", "k", None));
        Assert.Empty((await Store.ListObjectsAsync("b", "", null, null, 1000, None)).Objects);
        Assert.Null(await Store.GetCompletedUploadAsync(upload.UploadId, None));
        Assert.Equal([parts[1].BlobId], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
    }

    [SkippableFact]
    public async Task A_completion_naming_a_part_that_is_gone_commits_nothing()
    {
        var upload = await CreateUpload("b", "k");
        var parts = await PutParts(upload, 1);
        var built = BuildFrom(upload, parts[0], NewPart(upload.UploadId, 2));

        var outcome = await Store.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "hash", WriteCondition.None), None);

        Assert.IsType<CompleteOutcome.PartsChanged>(outcome);
        AssertSameUpload(upload, await Store.GetUploadAsync(upload.UploadId, None));
        Assert.Null(await Store.GetObjectAsync("b", "k", None));
    }

    [SkippableFact]
    public async Task Reading_an_upload_with_its_parts_returns_both_from_one_snapshot_and_null_when_gone()
    {
        var upload = await CreateUpload("b", "k");
        var parts = await PutParts(upload, 2, 1, 3);

        var snapshot = await Store.GetUploadWithPartsAsync(upload.UploadId, None);

        Assert.NotNull(snapshot);
        AssertSameUpload(upload, snapshot.Upload);
        Assert.Equal([1, 2, 3], snapshot.Parts.Select(p => p.PartNumber));
        AssertSamePart(parts[0], snapshot.Parts[1]);
        Assert.True(await Store.AbortUploadAsync(upload.UploadId, None));
        Assert.Null(await Store.GetUploadWithPartsAsync(upload.UploadId, None));
    }

    [SkippableFact]
    public async Task Completing_makes_the_built_object_visible_drops_the_upload_and_queues_only_unlisted_parts()
    {
        var upload = await CreateUpload("b", "k");
        var parts = await PutParts(upload, 1, 2, 3);
        var built = BuildFrom(upload, parts[0], parts[2]);

        var outcome = await Store.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "hash", WriteCondition.None), None);

        AssertSameObject(built, Assert.IsType<CompleteOutcome.Committed>(outcome).Record);
        AssertSameObject(built, await Store.GetObjectAsync("b", "k", None));
        Assert.Null(await Store.GetUploadAsync(upload.UploadId, None));
        Assert.Null(await Store.ListPartsAsync(upload.UploadId, 0, 1000, None));
        Assert.Empty((await Store.ListUploadsAsync("b", "", null, null, null, 1000, None)).Uploads);
        Assert.Equal([parts[1].BlobId], await Store.GetGarbageAsync(TimeSpan.Zero, 100, None));
        Assert.True(await Store.IsBlobReferencedAsync(parts[0].BlobId, None));
        Assert.True(await Store.IsBlobReferencedAsync(parts[2].BlobId, None));
        Assert.False(await Store.IsBlobReferencedAsync(parts[1].BlobId, None));
    }

    [SkippableFact]
    public async Task Completing_replaces_an_existing_object_and_queues_its_blobs()
    {
        var upload = await CreateUpload("b", "k");
        var oldBlobs = new[] { NewBlobId(), NewBlobId() };
        await Store.PutObjectAsync(NewObject("b", "k", oldBlobs), None);
        var parts = await PutParts(upload, 1, 2);
        var built = BuildFrom(upload, parts[0]);

        await Store.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "hash", WriteCondition.None), None);

        AssertSameObject(built, await Store.GetObjectAsync("b", "k", None));
        Assert.Equal(oldBlobs.Append(parts[1].BlobId).Order(), (await Store.GetGarbageAsync(TimeSpan.Zero, 100, None)).Order());
    }

    [SkippableFact]
    public async Task Completing_records_the_completion_with_the_given_part_list_hash()
    {
        var upload = await CreateUpload("b", "k");
        var parts = await PutParts(upload, 1, 2);
        var built = BuildFrom(upload, parts[0], parts[1]) with
        {
            Checksums = new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc32] = "DUoRhQ==-2" },
            ChecksumType = ChecksumType.Composite,
        };
        Assert.Null(await Store.GetCompletedUploadAsync(upload.UploadId, None));
        var before = Millis(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        await Store.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "part-list-hash-1", WriteCondition.None), None);

        var done = await Store.GetCompletedUploadAsync(upload.UploadId, None);
        Assert.NotNull(done);
        Assert.Equal(upload.UploadId, done.UploadId);
        Assert.Equal("b", done.Bucket);
        Assert.Equal("k", done.Key);
        Assert.Equal(built.ETag, done.ETag);
        Assert.Equal("part-list-hash-1", done.PartListHash);
        Assert.Equal(built.Checksums.OrderBy(p => p.Key), done.Checksums.OrderBy(p => p.Key));
        Assert.Equal(ChecksumType.Composite, done.ChecksumType);
        Assert.InRange(done.CompletedAt, before, DateTimeOffset.UtcNow);
        Assert.Null(await Store.GetCompletedUploadAsync("no-such-upload", None));
    }

    [SkippableFact]
    public async Task Completing_the_same_upload_again_with_the_same_list_answers_already_completed_and_changes_nothing()
    {
        var upload = await CreateUpload("b", "k");
        var parts = await PutParts(upload, 1);
        var built = BuildFrom(upload, parts[0]);
        await Store.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "hash", WriteCondition.None), None);

        var outcome = await Store.CompleteUploadAsync(
            new UploadCompletion(upload.UploadId, NewObject("b", "k", NewBlobId()), "hash", WriteCondition.None), None);

        var already = Assert.IsType<CompleteOutcome.AlreadyCompleted>(outcome);
        Assert.Equal(built.ETag, already.Completion.ETag);
        AssertSameObject(built, await Store.GetObjectAsync("b", "k", None));
    }

    [SkippableFact]
    public async Task Completing_the_same_upload_twice_with_another_list_answers_upload_gone_and_changes_nothing()
    {
        var upload = await CreateUpload("b", "k");
        var parts = await PutParts(upload, 1);
        var built = BuildFrom(upload, parts[0]);
        await Store.CompleteUploadAsync(new UploadCompletion(upload.UploadId, built, "hash", WriteCondition.None), None);

        var outcome = await Store.CompleteUploadAsync(
            new UploadCompletion(upload.UploadId, NewObject("b", "k", NewBlobId()), "other", WriteCondition.None), None);

        Assert.IsType<CompleteOutcome.UploadGone>(outcome);
        AssertSameObject(built, await Store.GetObjectAsync("b", "k", None));
        Assert.Equal("hash", (await Store.GetCompletedUploadAsync(upload.UploadId, None))!.PartListHash);
    }

    [SkippableFact]
    public async Task Completing_an_unknown_upload_answers_upload_gone()
    {
        await CreateBucket("b");

        var outcome = await Store.CompleteUploadAsync(
            new UploadCompletion("no-such-upload", NewObject("b", "k", NewBlobId()), "hash", WriteCondition.None), None);

        Assert.IsType<CompleteOutcome.UploadGone>(outcome);
        Assert.Null(await Store.GetObjectAsync("b", "k", None));
    }

    [SkippableFact]
    public async Task Completing_checks_the_write_condition_in_the_committing_transaction()
    {
        var upload = await CreateUpload("b", "k");
        var parts = await PutParts(upload, 1);
        await Store.PutObjectAsync(NewObject("b", "k", NewBlobId()), None);

        var error = await Assert.ThrowsAsync<CairnException>(() => Store.CompleteUploadAsync(
            new UploadCompletion(upload.UploadId, BuildFrom(upload, parts[0]), "hash", new WriteCondition(true, null)), None));

        Assert.Equal(ErrorCode.ConditionalRequestConflict, error.Code);
        AssertSameUpload(upload, await Store.GetUploadAsync(upload.UploadId, None));
    }

    // ---------------------------------------------------------------- bucket deletion

    [SkippableFact]
    public async Task Deleting_a_bucket_with_only_uploads_succeeds_and_queues_their_part_blobs()
    {
        var first = await CreateUpload("b", "k1");
        var second = await CreateUpload("b", "k2");
        var other = await CreateUpload("other", "k1");
        var parts = (await PutParts(first, 1, 2)).Concat(await PutParts(second, 1)).ToList();
        var kept = await PutParts(other, 1);

        await Store.DeleteBucketAsync("b", None);

        Assert.Null(await Store.GetBucketAsync("b", None));
        Assert.Null(await Store.GetUploadAsync(first.UploadId, None));
        Assert.Null(await Store.GetUploadAsync(second.UploadId, None));
        Assert.Equal(parts.Select(p => p.BlobId).Order(), (await Store.GetGarbageAsync(TimeSpan.Zero, 100, None)).Order());
        Assert.NotNull(await Store.GetUploadAsync(other.UploadId, None));
        Assert.True(await Store.IsBlobReferencedAsync(kept[0].BlobId, None));
    }

    // ---------------------------------------------------------------- helpers

    private async Task<UploadRecord> CreateUpload(string bucket, string key)
    {
        if (await Store.GetBucketAsync(bucket, None) is null)
        {
            await CreateBucket(bucket);
        }

        var upload = NewUpload(bucket, key);
        await Store.CreateUploadAsync(upload, None);
        return upload;
    }

    private async Task<List<PartRecord>> PutParts(UploadRecord upload, params int[] numbers)
    {
        var parts = new List<PartRecord>();
        foreach (var number in numbers)
        {
            var part = NewPart(upload.UploadId, number);
            await Store.PutPartAsync(part, None);
            parts.Add(part);
        }

        return parts;
    }

    /// <summary>The object a Complete listing <paramref name="chosen"/> builds, as the multipart service does.</summary>
    private static ObjectRecord BuildFrom(UploadRecord upload, params PartRecord[] chosen) => new()
    {
        Bucket = upload.Bucket,
        Key = upload.Key,
        Size = chosen.Sum(p => p.Size),
        ETag = $"9b2cf535f27731c974343645a3985328-{chosen.Length}",
        LastModified = Millis(1_750_000_000_000),
        Headers = upload.Headers,
        UserMetadata = upload.UserMetadata,
        Owner = upload.Owner,
        PartsCount = chosen.Length,
        Segments = chosen.Select(p => new Segment(p.BlobId, 0, p.Size, p.PartNumber, p.ETag)).ToList(),
    };

    private static void AssertSameUpload(UploadRecord expected, UploadRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.UploadId, actual.UploadId);
        Assert.Equal(expected.Bucket, actual.Bucket);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.InitiatedAt, actual.InitiatedAt);
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.Headers, actual.Headers);
        Assert.Equal(expected.UserMetadata.OrderBy(p => p.Key, StringComparer.Ordinal), actual.UserMetadata.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.ChecksumAlgorithm, actual.ChecksumAlgorithm);
        Assert.Equal(expected.ChecksumType, actual.ChecksumType);
    }

    private static void AssertSamePart(PartRecord expected, PartRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.UploadId, actual.UploadId);
        Assert.Equal(expected.PartNumber, actual.PartNumber);
        Assert.Equal(expected.BlobId, actual.BlobId);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.ETag, actual.ETag);
        Assert.Equal(expected.LastModified, actual.LastModified);
        Assert.Equal(expected.Checksums.OrderBy(p => p.Key), actual.Checksums.OrderBy(p => p.Key));
    }

    [SkippableFact]
    public async Task An_upload_id_holding_U0000_names_no_upload()
    {
        await CreateBucket("b");
        var upload = NewUpload("b", "k");
        await Store.CreateUploadAsync(upload, None);
        var forged = upload.UploadId + "\0";

        Assert.Null(await Store.GetUploadAsync(forged, None));
        Assert.Null(await Store.GetUploadWithPartsAsync(forged, None));
        Assert.Null(await Store.ListPartsAsync(forged, 0, 1000, None));
        Assert.Null(await Store.GetCompletedUploadAsync(forged, None));
        Assert.False(await Store.AbortUploadAsync(forged, None));
        var refused = await Assert.ThrowsAsync<CairnException>(() => Store.PutPartAsync(NewPart(forged, 1), None));
        Assert.Equal(ErrorCode.NoSuchUpload, refused.Code);
        Assert.Empty((await Store.ListUploadsAsync("b", "\0", null, null, null, 1000, None)).Uploads);
        Assert.Equal([upload.UploadId], (await Store.ListUploadsAsync("b", "", null, null, null, 1000, None)).Uploads.Select(u => u.UploadId));
    }
}
