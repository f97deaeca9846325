using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Core.Listing;

/// <summary>Listing use cases: one page of keys and common prefixes, capped at the configured page size.</summary>
public sealed class ListingService(IMetadataStore metadata, StorageLimits limits)
{
    public async Task<ObjectPage> ListAsync(string bucket, string? prefix, string? delimiter, string? after, int? maxKeys, CancellationToken cancellationToken)
    {
        _ = await metadata.GetBucketAsync(bucket, cancellationToken)
            ?? throw Failures.NoSuchBucket(bucket);
        var page = Math.Min(maxKeys ?? limits.MaxListPage, limits.MaxListPage);
        return await metadata.ListObjectsAsync(bucket, prefix ?? string.Empty, string.IsNullOrEmpty(delimiter) ? null : delimiter, after, page, cancellationToken);
    }

    /// <summary>Parses a max-keys style parameter: absent → null; not a non-negative integer → InvalidArgument.</summary>
    public static int? ParseMax(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, out var value) && value >= 0
            ? value
            : throw new CairnException(ErrorCode.InvalidArgument, $"Provided {name} not an integer or within integer range")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = name, ["ArgumentValue"] = text },
            };
    }
}
