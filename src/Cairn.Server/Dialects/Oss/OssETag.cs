namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS spells ETags in upper-case hex, quoted (<c>"5EB63BBBE01EEED093CB22BB8F5ACDC3"</c>, multipart ones with their
/// <c>-N</c>). The store keeps them lower-case; a client's ETag is compared case-insensitively, so either spelling
/// names the same object in both dialects.
/// </summary>
internal static class OssETag
{
    public static string Quote(string etag) => "\"" + etag.ToUpperInvariant() + "\"";

    /// <summary>
    /// The Content-MD5 (base64 of the MD5) OSS returns with an upload: a single-part ETag is that MD5 in hex; a
    /// multipart ETag is no MD5 of the content, so it has none.
    /// </summary>
    public static string? ContentMd5(string etag) =>
        etag.Length == 32 && !etag.Contains('-', StringComparison.Ordinal) ? Convert.ToBase64String(Convert.FromHexString(etag)) : null;
}
