using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Cairn.Core.Checksums;
using Cairn.Core.Model;
using Cairn.Core.Operations;

namespace Cairn.Server.Callbacks;

/// <summary>
/// The variables every callback body may name, and their values for a stored object (docs/oss-compatibility.md
/// "Upload callbacks"). Cairn does not decode images, so the <c>imageInfo.*</c> variables are always empty, as they
/// are for any object that is not an image.
/// </summary>
internal static class CallbackSystemVariables
{
    public const string Bucket = "bucket";
    public const string Object = "object";
    public const string ETag = "etag";
    public const string Size = "size";
    public const string MimeType = "mimeType";
    public const string ImageHeight = "imageInfo.height";
    public const string ImageWidth = "imageInfo.width";
    public const string ImageFormat = "imageInfo.format";
    public const string Crc64 = "crc64";
    public const string ContentMd5 = "contentMd5";
    public const string ClientIp = "clientIp";
    public const string RequestId = "reqId";
    public const string Operation = "operation";

    /// <summary>The names, spelled as a template refers to them (case matters).</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        Bucket, Object, ETag, Size, MimeType, ImageHeight, ImageWidth, ImageFormat, Crc64, ContentMd5, ClientIp, RequestId, Operation,
    };

    /// <summary>
    /// The values for <paramref name="stored"/>, written by <paramref name="operation"/>. The ETag is the one the
    /// client is answered with (the dialect has already written it), without quotes.
    /// </summary>
    public static IReadOnlyDictionary<string, CallbackValue> For(
        ObjectRecord stored, Operation operation, string requestId, IPAddress? client, string? answeredETag)
    {
        return new Dictionary<string, CallbackValue>(StringComparer.Ordinal)
        {
            [Bucket] = new(stored.Bucket),
            [Object] = new(stored.Key),
            [ETag] = new(answeredETag is { Length: > 0 } etag ? etag.Trim('"') : stored.ETag),
            [Size] = new(stored.Size.ToString(CultureInfo.InvariantCulture), IsNumber: true),
            [MimeType] = new(stored.Headers.ContentType ?? string.Empty),
            [ImageHeight] = new(string.Empty),
            [ImageWidth] = new(string.Empty),
            [ImageFormat] = new(string.Empty),
            [Crc64] = new(Crc64Decimal(stored)),
            [ContentMd5] = new(ContentMd5Of(stored)),
            [ClientIp] = new((client is { IsIPv4MappedToIPv6: true } ? client.MapToIPv4() : client)?.ToString() ?? string.Empty),
            [RequestId] = new(requestId),
            [Operation] = new(operation.ToString()),
        };
    }

    /// <summary>The CRC-64/XZ as the unsigned decimal OSS spells it; empty when the object was stored without one.</summary>
    private static string Crc64Decimal(ObjectRecord stored)
    {
        Span<byte> raw = stackalloc byte[sizeof(ulong)];
        return stored.Checksums.TryGetValue(ChecksumAlgorithm.Crc64Xz, out var base64)
            && Convert.TryFromBase64String(base64, raw, out var written) && written == raw.Length
                ? BinaryPrimitives.ReadUInt64BigEndian(raw).ToString(CultureInfo.InvariantCulture)
                : string.Empty;
    }

    /// <summary>The base64 MD5 of a single-part object (its ETag is that MD5 in hex); empty for a multipart one.</summary>
    private static string ContentMd5Of(ObjectRecord stored) =>
        stored.PartsCount is null && stored.ETag.Length == 32 && stored.ETag.All(char.IsAsciiHexDigit)
            ? Convert.ToBase64String(Convert.FromHexString(stored.ETag))
            : string.Empty;
}
