using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// Request headers that ask for a feature Cairn does not have. Accepting and ignoring them would pretend: a store
/// that claims to encrypt, retain or publish an object and does not is worse than one that refuses. Each answers
/// 501 NotImplemented naming the header, before anything is read or stored — except the values that ask for
/// exactly what Cairn does anyway (legal hold OFF, bucket keys false...). As features arrive, their headers leave this table (docs/s3-compatibility.md).
/// </summary>
internal static class UnsupportedHeaders
{
    private static readonly UnsupportedHeaderTable Rules = new(S3Headers.Prefix, new (string Header, string Feature, string[] Defaults)[]
    {
        ("x-amz-server-side-encryption", "server-side encryption", []),
        ("x-amz-server-side-encryption-aws-kms-key-id", "server-side encryption with KMS", []),
        ("x-amz-server-side-encryption-context", "server-side encryption with KMS", []),
        ("x-amz-server-side-encryption-bucket-key-enabled", "S3 Bucket Keys", ["false"]),
        ("x-amz-server-side-encryption-customer-algorithm", "server-side encryption with customer keys (SSE-C)", []),
        ("x-amz-server-side-encryption-customer-key", "server-side encryption with customer keys (SSE-C)", []),
        ("x-amz-server-side-encryption-customer-key-MD5", "server-side encryption with customer keys (SSE-C)", []),
        ("x-amz-copy-source-server-side-encryption-customer-algorithm", "server-side encryption with customer keys (SSE-C)", []),
        ("x-amz-copy-source-server-side-encryption-customer-key", "server-side encryption with customer keys (SSE-C)", []),
        ("x-amz-copy-source-server-side-encryption-customer-key-MD5", "server-side encryption with customer keys (SSE-C)", []),
        ("x-amz-object-lock-mode", "Object Lock retention", []),
        ("x-amz-object-lock-retain-until-date", "Object Lock retention", []),
        ("x-amz-object-lock-legal-hold", "Object Lock legal holds", ["OFF"]),
        ("x-amz-bucket-object-lock-enabled", "Object Lock", ["false"]),
        ("x-amz-website-redirect-location", "static website hosting", []),
        ("x-amz-expected-bucket-owner", "bucket owner checks", []),
        ("x-amz-source-expected-bucket-owner", "bucket owner checks", []),
        ("x-amz-mfa", "MFA delete", []),
        ("x-amz-write-offset-bytes", "appends", []),
        ("x-amz-if-match-last-modified-time", "directory-bucket delete conditions", []),
        ("x-amz-if-match-size", "directory-bucket delete conditions", []),
        ("x-amz-if-match-initiated-time", "directory-bucket upload conditions", []),
    });

    /// <summary>Throws NotImplemented for the first header that asks for a missing feature.</summary>
    public static void Check(IHeaderDictionary headers) => Rules.Check(headers);

    public static CairnException NotImplemented(string header, string message) =>
        new(ErrorCode.NotImplemented, message)
        {
            Extra = new Dictionary<string, string> { ["Header"] = header },
        };
}
