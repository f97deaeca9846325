namespace Cairn.Server.Dialects.Oss;

/// <summary>OSS header names (docs/oss-compatibility.md). Outside <c>Dialects/</c> no code names an x-oss-* header.</summary>
internal static class OssHeaders
{
    public const string Prefix = "x-oss-";
    public const string MetaPrefix = "x-oss-meta-";
    public const string RequestId = "x-oss-request-id";
    public const string ErrorCode = "x-oss-ec";
    public const string ErrorDocument = "x-oss-err";
    public const string Date = "x-oss-date";
    public const string ContentSha256 = "x-oss-content-sha256";
    public const string SecurityToken = "x-oss-security-token";
    public const string HashCrc64 = "x-oss-hash-crc64ecma";
    public const string Acl = "x-oss-acl";
    public const string ObjectAcl = "x-oss-object-acl";
    public const string StorageClass = "x-oss-storage-class";
    public const string ForbidOverwrite = "x-oss-forbid-overwrite";
    public const string CopySource = "x-oss-copy-source";
    public const string CopySourceRange = "x-oss-copy-source-range";
    public const string CopySourceIfMatch = "x-oss-copy-source-if-match";
    public const string CopySourceIfNoneMatch = "x-oss-copy-source-if-none-match";
    public const string CopySourceIfModifiedSince = "x-oss-copy-source-if-modified-since";
    public const string CopySourceIfUnmodifiedSince = "x-oss-copy-source-if-unmodified-since";
    public const string MetadataDirective = "x-oss-metadata-directive";
    public const string CompleteAll = "x-oss-complete-all";
    public const string Callback = "x-oss-callback";
    public const string CallbackVar = "x-oss-callback-var";
    public const string PublicKeyUrl = "x-oss-pub-key-url";
    public const string Tagging = "x-oss-tagging";
    public const string ServerSideEncryption = "x-oss-server-side-encryption";
    public const string VersionId = "x-oss-version-id";
    public const string ObjectType = "x-oss-object-type";
}
