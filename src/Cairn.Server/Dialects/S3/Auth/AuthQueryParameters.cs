namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>Query parameter names of presigned URLs (docs/s3-compatibility.md "Presigned URLs", "Signature V2"). Names are case-sensitive.</summary>
internal static class AuthQueryParameters
{
    public const string Algorithm = "X-Amz-Algorithm";
    public const string Credential = "X-Amz-Credential";
    public const string Date = "X-Amz-Date";
    public const string Expires = "X-Amz-Expires";
    public const string SignedHeaders = "X-Amz-SignedHeaders";
    public const string Signature = "X-Amz-Signature";
    public const string ContentSha256 = "X-Amz-Content-Sha256";
    public const string SecurityToken = "X-Amz-Security-Token";

    /// <summary>The session token of a SigV2 presigned URL (botocore's spelling).</summary>
    public const string V2SecurityToken = "x-amz-security-token";

    public const string V2AccessKeyId = "AWSAccessKeyId";
    public const string V2Expires = "Expires";
    public const string V2Signature = "Signature";
}
