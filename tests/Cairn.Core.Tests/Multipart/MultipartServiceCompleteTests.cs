using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;
using Cairn.Core.Tagging;
using static Cairn.Core.Tests.Multipart.MultipartServiceFixture;

namespace Cairn.Core.Tests.Multipart;

/// <summary>
/// CompleteMultipartUpload through the service and the real store: the object it builds, the retry of a completed
/// upload, every refusal in S3's order, and parts uploaded again while the completion is under way.
/// </summary>
public sealed class MultipartServiceCompleteTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly MultipartServiceFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Initiate_upload_parts_and_complete_make_one_object_of_the_parts_and_drop_the_upload()
    {
        var uploadId = await _fixture.InitiateAsync();
        var first = await _fixture.UploadPartAsync(uploadId, 1, Bytes(10, 1));
        var second = await _fixture.UploadPartAsync(uploadId, 2, Bytes(3, 2));

        var record = await _fixture.CompleteAsync(uploadId, [Listed(first), Listed(second)]);

        Assert.Equal(13, record.Size);
        Assert.Equal(2, record.PartsCount);
        Assert.EndsWith("-2", record.ETag, StringComparison.Ordinal);
        Assert.Equal([first.BlobId, second.BlobId], record.Segments.Select(s => s.BlobId));
        var stored = await _fixture.Store.GetObjectAsync(Bucket, "k", None);
        Assert.Equal(record.ETag, stored!.ETag);
        Assert.Null(await _fixture.Store.GetUploadAsync(uploadId, None));
    }

    [Fact]
    public async Task The_completed_object_carries_the_tags_the_upload_was_initiated_with()
    {
        var tags = new TagSet([new Tag("project", "cairn"), new Tag("tier", "gold")]);
        var uploadId = await _fixture.InitiateAsync(tags: tags);
        var part = await _fixture.UploadPartAsync(uploadId, 1, Bytes(3, 1));

        var record = await _fixture.CompleteAsync(uploadId, [Listed(part)]);

        Assert.Equal(tags, record.Tags);
        Assert.Equal(tags, (await _fixture.Store.GetObjectAsync(Bucket, "k", None))!.Tags);
    }

    [Fact]
    public async Task A_retried_complete_with_the_same_list_answers_the_same_object()
    {
        var uploadId = await _fixture.InitiateAsync();
        var part = await _fixture.UploadPartAsync(uploadId, 1, Bytes(3, 1));
        var done = await _fixture.CompleteAsync(uploadId, [Listed(part)]);

        var retried = await _fixture.CompleteAsync(uploadId, [Listed(part)]);

        Assert.Equal(done.ETag, retried.ETag);
        Assert.Equal(done.Size, retried.Size);
    }

    [Fact]
    public async Task A_retry_after_the_completion_is_forgotten_is_NoSuchUpload()
    {
        var uploadId = await _fixture.InitiateAsync();
        var part = await _fixture.UploadPartAsync(uploadId, 1, Bytes(3, 1));
        await _fixture.CompleteAsync(uploadId, [Listed(part)]);
        _fixture.Clock.Advance(CompletedUpload.Memory + TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<CairnException>(() => _fixture.CompleteAsync(uploadId, [Listed(part)]));

        Assert.Equal(ErrorCode.NoSuchUpload, error.Code);
    }

    [Fact]
    public async Task A_retry_with_a_different_list_is_NoSuchUpload()
    {
        var uploadId = await _fixture.InitiateAsync();
        var first = await _fixture.UploadPartAsync(uploadId, 1, Bytes(10, 1));
        var second = await _fixture.UploadPartAsync(uploadId, 2, Bytes(3, 2));
        await _fixture.CompleteAsync(uploadId, [Listed(first), Listed(second)]);

        var error = await Assert.ThrowsAsync<CairnException>(() => _fixture.CompleteAsync(uploadId, [Listed(first)]));

        Assert.Equal(ErrorCode.NoSuchUpload, error.Code);
        Assert.Equal(uploadId, error.Details!.UploadId);
    }

    [Fact]
    public async Task An_unknown_upload_is_NoSuchUpload_before_the_request_body_is_read()
    {
        await _fixture.InitiateAsync();
        var read = false;

        var error = await Assert.ThrowsAsync<CairnException>(() => _fixture.Service.CompleteAsync(Bucket, "k", "no-such-upload", _ =>
        {
            read = true;
            return Task.FromResult(new CompleteRequest([], WriteCondition.None));
        }, None));

        Assert.Equal(ErrorCode.NoSuchUpload, error.Code);
        Assert.False(read);
    }

    [Fact]
    public async Task An_empty_list_is_MalformedXML()
    {
        var uploadId = await _fixture.InitiateAsync();

        var error = await Assert.ThrowsAsync<CairnException>(() => _fixture.CompleteAsync(uploadId, []));

        Assert.Equal(ErrorCode.MalformedXML, error.Code);
    }

    [Fact]
    public async Task A_descending_list_is_InvalidPartOrder_even_when_a_part_is_also_missing()
    {
        var uploadId = await _fixture.InitiateAsync();
        var first = await _fixture.UploadPartAsync(uploadId, 1, Bytes(10, 1));
        var second = await _fixture.UploadPartAsync(uploadId, 2, Bytes(10, 2));

        var error = await Assert.ThrowsAsync<CairnException>(() =>
            _fixture.CompleteAsync(uploadId, [Listed(second), Listed(first), new CompletePart(9, "\"0\"", new Dictionary<Cairn.Core.Checksums.ChecksumAlgorithm, string>())]));

        Assert.Equal(ErrorCode.InvalidPartOrder, error.Code);
        Assert.NotNull(await _fixture.Store.GetUploadAsync(uploadId, None));
    }

    [Fact]
    public async Task A_part_with_another_etag_is_InvalidPart_naming_the_part_and_leaves_the_upload()
    {
        var uploadId = await _fixture.InitiateAsync();
        var first = await _fixture.UploadPartAsync(uploadId, 1, Bytes(10, 1));

        var error = await Assert.ThrowsAsync<CairnException>(() =>
            _fixture.CompleteAsync(uploadId, [Listed(first) with { ETag = "\"0123456789abcdef0123456789abcdef\"" }]));

        Assert.Equal(ErrorCode.InvalidPart, error.Code);
        Assert.Equal(1, error.Details!.PartNumber);
        Assert.Equal("\"0123456789abcdef0123456789abcdef\"", error.Details.ETag);
        Assert.NotNull(await _fixture.Store.GetUploadAsync(uploadId, None));
        Assert.Null(await _fixture.Store.GetObjectAsync(Bucket, "k", None));
    }

    [Fact]
    public async Task A_part_but_the_last_below_the_minimum_is_EntityTooSmall_with_its_size()
    {
        var uploadId = await _fixture.InitiateAsync();
        var small = await _fixture.UploadPartAsync(uploadId, 1, Bytes(3, 1));
        var last = await _fixture.UploadPartAsync(uploadId, 2, Bytes(3, 2));

        var error = await Assert.ThrowsAsync<CairnException>(() => _fixture.CompleteAsync(uploadId, [Listed(small), Listed(last)]));

        Assert.Equal(ErrorCode.EntityTooSmall, error.Code);
        Assert.Equal(3, error.Details!.ProposedSize);
        Assert.Equal(MinPartSize, error.Details.MinSizeAllowed);
        Assert.Equal(1, error.Details.PartNumber);
    }

    [Fact]
    public async Task A_part_uploaded_again_between_the_read_and_the_commit_is_the_one_the_object_holds()
    {
        var uploadId = await _fixture.InitiateAsync();
        var first = await _fixture.UploadPartAsync(uploadId, 1, Bytes(10, 1));
        PartRecord? again = null;

        // The request body is read after the upload: the part is sent again (same bytes, same ETag) meanwhile.
        var record = await _fixture.Service.CompleteAsync(Bucket, "k", uploadId, async _ =>
        {
            again = await _fixture.UploadPartAsync(uploadId, 1, Bytes(10, 1));
            return new CompleteRequest([Listed(first)], WriteCondition.None);
        }, None);

        Assert.NotNull(again);
        Assert.NotEqual(first.BlobId, again.BlobId);
        Assert.Equal([again.BlobId], record.Segments.Select(s => s.BlobId));
        Assert.Equal([again.BlobId], (await _fixture.Store.GetObjectAsync(Bucket, "k", None))!.Segments.Select(s => s.BlobId));
        Assert.Equal([first.BlobId], await _fixture.Store.GetGarbageAsync(TimeSpan.Zero, 10, None));
    }

    [Fact]
    public async Task Parts_that_keep_changing_give_up_after_a_few_builds_with_SlowDown_and_commit_nothing()
    {
        MultipartServiceFixture? fixture = null;
        using var churning = new MultipartServiceFixture(inner => new ChurningUploads(inner, () => fixture!));
        fixture = churning;
        var uploadId = await churning.InitiateAsync();
        var first = await churning.UploadPartAsync(uploadId, 1, Bytes(10, 1));

        var error = await Assert.ThrowsAsync<CairnException>(() => churning.CompleteAsync(uploadId, [Listed(first)]));

        Assert.Equal(ErrorCode.SlowDown, error.Code);
        Assert.Equal(3, ((ChurningUploads)churning.Uploads).Commits);
        Assert.Null(await churning.Store.GetObjectAsync(Bucket, "k", None));
        Assert.NotNull(await churning.Store.GetUploadAsync(uploadId, None));
    }

    /// <summary>An upload store whose part 1 is uploaded again right before every commit.</summary>
    private sealed class ChurningUploads(IUploadStore inner, Func<MultipartServiceFixture> fixture) : IUploadStore
    {
        public int Commits { get; private set; }

        public async Task<CompleteOutcome> CompleteUploadAsync(UploadCompletion completion, CancellationToken cancellationToken)
        {
            Commits++;
            await fixture().UploadPartAsync(completion.UploadId, 1, Bytes(10, 1));
            return await inner.CompleteUploadAsync(completion, cancellationToken);
        }

        public Task CreateUploadAsync(UploadRecord upload, CancellationToken cancellationToken) => inner.CreateUploadAsync(upload, cancellationToken);

        public Task<UploadRecord?> GetUploadAsync(string uploadId, CancellationToken cancellationToken) => inner.GetUploadAsync(uploadId, cancellationToken);

        public Task<UploadWithParts?> GetUploadWithPartsAsync(string uploadId, CancellationToken cancellationToken) =>
            inner.GetUploadWithPartsAsync(uploadId, cancellationToken);

        public Task PutPartAsync(PartRecord part, CancellationToken cancellationToken) => inner.PutPartAsync(part, cancellationToken);

        public Task<PartPage?> ListPartsAsync(string uploadId, int afterPartNumber, int maxParts, CancellationToken cancellationToken) =>
            inner.ListPartsAsync(uploadId, afterPartNumber, maxParts, cancellationToken);

        public Task<UploadPage> ListUploadsAsync(
            string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads, CancellationToken cancellationToken) =>
            inner.ListUploadsAsync(bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads, cancellationToken);

        public Task<bool> AbortUploadAsync(string uploadId, CancellationToken cancellationToken) => inner.AbortUploadAsync(uploadId, cancellationToken);

        public Task<CompletedUpload?> GetCompletedUploadAsync(string uploadId, CancellationToken cancellationToken) =>
            inner.GetCompletedUploadAsync(uploadId, cancellationToken);
    }
}
