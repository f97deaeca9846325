namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// ETags as OSS writes them: quoted upper-case hex ("-N" kept for multipart objects). Cairn stores lower-case hex,
/// and ETags clients send back (CompleteMultipartUpload, conditions) are compared without regard to case.
/// </summary>
internal static class OssETags
{
    public static string Quote(string etag) => "\"" + etag.ToUpperInvariant() + "\"";
}
