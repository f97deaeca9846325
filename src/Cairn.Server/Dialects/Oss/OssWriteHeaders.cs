using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Objects;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// The headers that describe an OSS write (PutObject, CopyObject's target, and the multipart writes alike): the stored
/// representation headers with <c>x-oss-storage-class</c>, the integrity claims (Content-MD5,
/// <c>x-oss-hash-crc64ecma</c>) and the write condition (<c>x-oss-forbid-overwrite</c>).
/// </summary>
internal static class OssWriteHeaders
{
    /// <summary>Content-Type, Content-Encoding, Content-Disposition, Content-Language, Cache-Control, Expires and the storage class.</summary>
    public static ObjectHeaders ReadObjectHeaders(IHeaderDictionary headers) =>
        ObjectRequestHeaders.ReadObjectHeaders(headers) with { StorageClass = OssStorageClasses.Read(headers[OssHeaders.StorageClass]) };

    /// <summary>Content-MD5 and the client's CRC-64 claim, both checked against the body as it streams (InvalidDigest on a mismatch, nothing stored).</summary>
    public static IntegrityExpectation ReadIntegrity(IHeaderDictionary headers)
    {
        var md5 = ObjectRequestHeaders.ReadContentMd5(headers);
        var claim = headers[OssHeaders.HashCrc64].ToString();
        if (claim.Length == 0)
        {
            return new IntegrityExpectation(md5, null, null);
        }

        var stored = OssCrc64.ToStored(claim);
        return new IntegrityExpectation(md5, ChecksumAlgorithm.Crc64Xz, () => stored, claimHeader: OssHeaders.HashCrc64);
    }

    /// <summary>
    /// The condition on the object a write replaces: <c>x-oss-forbid-overwrite: true</c> writes only if the key is
    /// free (refused as FileAlreadyExists, docs/oss-compatibility.md "Errors"), together with any standard
    /// If-Match / If-None-Match the request carries.
    /// </summary>
    public static WriteCondition ReadCondition(IHeaderDictionary headers)
    {
        var condition = WriteConditions.ForWrite(headers);
        return ForbidsOverwrite(headers) ? condition with { IfNoneMatchAny = true } : condition;
    }

    /// <summary>Whether the request carries <c>x-oss-forbid-overwrite: true</c>; a value other than true or false is InvalidArgument.</summary>
    public static bool ForbidsOverwrite(IHeaderDictionary headers)
    {
        if (ForbidsOverwriteLeniently(headers))
        {
            return true;
        }

        var value = headers[OssHeaders.ForbidOverwrite].ToString().Trim();
        return value.Length == 0 || value.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new CairnException(ErrorCode.InvalidArgument, $"The {OssHeaders.ForbidOverwrite} header must be true or false.")
            {
                Details = new ErrorDetails { ArgumentName = OssHeaders.ForbidOverwrite, ArgumentValue = value },
            };
    }

    /// <summary>Whether the request asked for <c>x-oss-forbid-overwrite: true</c>, without judging other values (for describing a failure).</summary>
    public static bool ForbidsOverwriteLeniently(IHeaderDictionary headers) =>
        headers[OssHeaders.ForbidOverwrite].ToString().Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
}
