using System.Security.Cryptography;

namespace Cairn.Core.Multipart;

/// <summary>
/// The multipart ETag (docs/s3-compatibility.md "Multipart uploads"): MD5 over the concatenated binary MD5s of
/// the parts in order, hex, then "-" and the part count.
/// </summary>
public static class MultipartETag
{
    public static string Compute(IReadOnlyList<string> partMd5Hex)
    {
        var concatenated = new byte[partMd5Hex.Count * 16];
        for (var i = 0; i < partMd5Hex.Count; i++)
        {
            Convert.FromHexString(partMd5Hex[i]).CopyTo(concatenated, i * 16);
        }

        return Convert.ToHexStringLower(MD5.HashData(concatenated)) + "-" + partMd5Hex.Count;
    }

    /// <summary>Normalises an ETag sent by a client: quotes removed, lower case (OSS clients send upper case).</summary>
    public static string Normalize(string etag) => etag.Trim().Trim('"').ToLowerInvariant();
}
