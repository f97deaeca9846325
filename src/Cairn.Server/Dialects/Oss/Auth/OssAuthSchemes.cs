namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>The names that mark an OSS signature: Authorization schemes and signed-URL query parameters.</summary>
internal static class OssAuthSchemes
{
    /// <summary><c>Authorization: OSS AccessKeyId:Signature</c> (HMAC-SHA1).</summary>
    public const string V1 = "OSS";

    /// <summary><c>Authorization: OSS4-HMAC-SHA256 Credential=...,AdditionalHeaders=...,Signature=...</c>.</summary>
    public const string V4 = "OSS4-HMAC-SHA256";

    /// <summary>A V1 signed URL: <c>?OSSAccessKeyId=&amp;Expires=&amp;Signature=</c>.</summary>
    public const string V1AccessKeyIdParameter = "OSSAccessKeyId";

    /// <summary>A V4 signed URL: <c>?x-oss-signature-version=OSS4-HMAC-SHA256&amp;x-oss-credential=...</c>.</summary>
    public const string V4SignatureVersionParameter = "x-oss-signature-version";
}
