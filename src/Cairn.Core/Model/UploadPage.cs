namespace Cairn.Core.Model;

/// <summary>One page of ListMultipartUploads.</summary>
public sealed record UploadPage(
    IReadOnlyList<UploadRecord> Uploads,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextKeyMarker,
    string? NextUploadIdMarker);
