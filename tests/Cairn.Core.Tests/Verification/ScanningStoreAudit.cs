using Cairn.Core.Model;
using Cairn.Core.Ports;
using Cairn.Storage.Sqlite;

namespace Cairn.Core.Tests.Verification;

/// <summary>
/// The store shapes verify reads, computed the slow way from a small store's public reads (every bucket, object and
/// upload looked at): an independent model of what <see cref="IStoreAudit"/> answers, and of
/// <see cref="ILifecycleStore.ExpireObjectAsync"/>'s delete-only-that-version, for the verifier's tests.
/// </summary>
internal sealed class ScanningStoreAudit(SqliteMetadataStore store) : IStoreAudit, ILifecycleStore
{
    public async Task<IReadOnlyList<string>> ListReferencedBlobsAsync(string? afterBlobId, int max, CancellationToken cancellationToken) =>
        (await ReferencesAsync(cancellationToken))
            .Select(reference => reference.BlobId)
            .Where(id => afterBlobId is null || string.CompareOrdinal(id, afterBlobId) > 0)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Take(max)
            .ToList();

    public async Task<IReadOnlyList<BlobReference>> FindBlobReferencesAsync(string blobId, CancellationToken cancellationToken) =>
        (await ReferencesAsync(cancellationToken)).Where(reference => reference.BlobId == blobId).ToList();

    public async Task<bool> IsQueuedAsync(string blobId, CancellationToken cancellationToken) =>
        (await store.GetGarbageAsync(TimeSpan.Zero, int.MaxValue, cancellationToken)).Contains(blobId);

    public async Task<bool> ExpireObjectAsync(string bucket, string key, string etag, DateTimeOffset lastModified, CancellationToken cancellationToken)
    {
        var current = await store.GetObjectAsync(bucket, key, cancellationToken);
        return current is not null && current.ETag == etag && current.LastModified == lastModified
            && await store.DeleteObjectAsync(bucket, key, cancellationToken);
    }

    public Task<IReadOnlyList<BucketDocument>> ListBucketsWithSettingAsync(string name, string? afterBucket, int max, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<ObjectRecord>> ScanObjectsAsync(string bucket, string prefix, string? after, int max, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task<string?> ReadProgressAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task WriteProgressAsync(string name, string? progress, CancellationToken cancellationToken) => throw new NotSupportedException();

    private async Task<List<BlobReference>> ReferencesAsync(CancellationToken cancellationToken)
    {
        var references = new List<BlobReference>();
        foreach (var bucket in await store.ListBucketsAsync(cancellationToken))
        {
            var objects = await store.ListObjectsAsync(bucket.Name, string.Empty, null, null, 1000, cancellationToken);
            foreach (var listed in objects.Objects)
            {
                var record = await store.GetObjectAsync(bucket.Name, listed.Key, cancellationToken);
                references.AddRange(record!.Segments.Select(segment => new BlobReference(segment.BlobId, bucket.Name, listed.Key, null, null)));
            }

            var uploads = await store.ListUploadsAsync(bucket.Name, string.Empty, null, null, null, 1000, cancellationToken);
            foreach (var upload in uploads.Uploads)
            {
                var parts = await store.GetUploadWithPartsAsync(upload.UploadId, cancellationToken);
                references.AddRange(parts!.Parts.Select(part => new BlobReference(part.BlobId, bucket.Name, upload.Key, upload.UploadId, part.PartNumber)));
            }
        }

        return references;
    }
}
