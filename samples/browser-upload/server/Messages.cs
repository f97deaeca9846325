namespace Cairn.Samples.BrowserUpload;

/// <summary>The page asks to upload a file of this name and size.</summary>
public sealed record StartRequest(string FileName, long Size);

/// <summary>A started upload: where it goes, and how the page must cut the file.</summary>
public sealed record StartResponse(string UploadId, string Key, long PartSize, int PartCount);

/// <summary>Names one upload the page has started (and kept across reloads).</summary>
public sealed record UploadRef(string Key, string UploadId);

/// <summary>The page wants PUT URLs for these parts of an upload.</summary>
public sealed record PartUrlsRequest(string Key, string UploadId, IReadOnlyList<int> PartNumbers);

/// <summary>One PUT URL per requested part.</summary>
public sealed record PartUrlsResponse(IReadOnlyList<PartUrl> Urls);

public sealed record PartUrl(int PartNumber, string Url);

/// <summary>The page wants the next page of ListParts, after <paramref name="PartNumberMarker"/> (0 for the first).</summary>
public sealed record ListPartsRequest(string Key, string UploadId, int PartNumberMarker);

/// <summary>One presigned URL (ListParts, Complete or Abort).</summary>
public sealed record UrlResponse(string Url);
