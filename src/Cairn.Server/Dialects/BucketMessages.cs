using Cairn.Core.Model;

namespace Cairn.Server.Dialects;

/// <summary>ListBuckets: names starting with <paramref name="Prefix"/>, after <paramref name="After"/>, at most <paramref name="MaxBuckets"/>.</summary>
internal sealed record ListBucketsInput(string Prefix, string After, int? MaxBuckets);

/// <summary>One page of buckets, as ListBuckets answers it; <paramref name="OwnerName"/> is the display name of <paramref name="Owner"/>.</summary>
internal sealed record ListBucketsResult(IReadOnlyList<BucketRecord> Buckets, bool IsTruncated, string Prefix, string Owner, string OwnerName, string Region);
