using System.Security.Cryptography;

namespace Cairn.Client.Hashing;

/// <summary>
/// ETag arithmetic. S3 (and Cairn) give a single-part object the hex MD5 of its bytes, and a multipart object
/// <c>MD5(MD5(part1) ‖ … ‖ MD5(partN))-N</c>, the MD5 of the concatenated binary part digests followed by the
/// part count (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
/// Knowing the part MD5s is therefore enough to check a completed upload or a downloaded file.
/// </summary>
public static class ETags
{
    /// <summary>Strips the quotes servers put around ETags and lower-cases the hex.</summary>
    public static string Normalize(string? etag) =>
        (etag ?? string.Empty).Trim().Trim('"').ToLowerInvariant();

    public static string ToHex(ReadOnlySpan<byte> digest) => Convert.ToHexStringLower(digest);

    /// <summary>The multipart ETag for parts whose MD5 digests are given in part-number order.</summary>
    public static string Multipart(IReadOnlyList<byte[]> partDigests)
    {
        ArgumentNullException.ThrowIfNull(partDigests);
        var concatenated = new byte[partDigests.Count * 16];
        for (var i = 0; i < partDigests.Count; i++)
        {
            partDigests[i].CopyTo(concatenated, i * 16);
        }

        return ToHex(MD5.HashData(concatenated)) + "-" + partDigests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The multipart ETag from the parts' own (hex MD5) ETags.</summary>
    public static string Multipart(IEnumerable<string> partETags) =>
        Multipart(partETags.Select(e => Convert.FromHexString(Normalize(e))).ToList());

    /// <summary>True for a 32-hex-digit MD5 ETag (a single-part object).</summary>
    public static bool IsPlainMd5(string etag)
    {
        var value = Normalize(etag);
        return value.Length == 32 && value.All(char.IsAsciiHexDigit);
    }

    /// <summary>Parses <c>hex-N</c>; returns the part count, or null when the ETag is not of the multipart form.</summary>
    public static int? MultipartCount(string etag)
    {
        var value = Normalize(etag);
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (dash != 32 || !value[..32].All(char.IsAsciiHexDigit))
        {
            return null;
        }

        return int.TryParse(value.AsSpan(33), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : null;
    }
}
