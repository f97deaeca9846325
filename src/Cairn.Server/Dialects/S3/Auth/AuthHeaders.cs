namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>Header names the authentication stage reads (compare case-insensitively; HTTP header names are).</summary>
internal static class AuthHeaders
{
    public const string Authorization = "Authorization";
    public const string Host = "Host";
    public const string Date = "Date";
    public const string ContentMd5 = "Content-MD5";
    public const string ContentType = "Content-Type";
    public const string ContentEncoding = "Content-Encoding";

    public const string AmzPrefix = "x-amz-";
    public const string AmzDate = "x-amz-date";
    public const string AmzContentSha256 = "x-amz-content-sha256";
    public const string AmzDecodedContentLength = "x-amz-decoded-content-length";
    public const string AmzTrailer = "x-amz-trailer";
    public const string AmzSecurityToken = "x-amz-security-token";

    /// <summary>The trailer line carrying the trailer signature (docs/s3-compatibility.md "Payload modes"); never part of the hashed trailer text.</summary>
    public const string AmzTrailerSignature = "x-amz-trailer-signature";

    /// <summary>Lower-case form of <see cref="Host"/> as it appears in SignedHeaders.</summary>
    public const string HostLower = "host";
}
