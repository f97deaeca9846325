namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// ETags as OSS writes them: quoted upper-case hex ("-N" kept for multipart objects). Cairn stores lower-case hex,
/// and ETags clients send back (CompleteMultipartUpload, conditions) are compared without regard to case, so either
/// spelling names the same object in both dialects.
/// </summary>
internal static class OssETags
{
    public static string Quote(string etag) => "\"" + etag.ToUpperInvariant() + "\"";

    /// <summary>
    /// The Content-MD5 (base64 of the MD5) OSS returns with an upload or a part: a single-part ETag is that MD5 in
    /// hex; a multipart ETag is no MD5 of the content, so it has none.
    /// </summary>
    public static string? ContentMd5(string etag) =>
        etag.Length == 32 ? Convert.ToBase64String(Convert.FromHexString(etag)) : null;
}
