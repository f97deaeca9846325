using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Core.Listing;

/// <summary>Listing use cases: one page of keys and common prefixes, capped at the configured page size.</summary>
public sealed class ListingService(IBucketStore buckets, IObjectStore objects, StorageLimits limits)
{
    public async Task<ObjectPage> ListAsync(string bucket, string? prefix, string? delimiter, string? after, int? maxKeys, CancellationToken cancellationToken)
    {
        _ = await buckets.GetBucketAsync(bucket, cancellationToken)
            ?? throw Failures.NoSuchBucket(bucket);
        var page = Math.Min(maxKeys ?? limits.MaxListPage, limits.MaxListPage);
        return await objects.ListObjectsAsync(bucket, prefix ?? string.Empty, string.IsNullOrEmpty(delimiter) ? null : delimiter, after, page, cancellationToken);
    }
}
