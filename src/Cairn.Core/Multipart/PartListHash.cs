using System.Security.Cryptography;
using System.Text;

namespace Cairn.Core.Multipart;

/// <summary>
/// A stable fingerprint of a Complete request's part list, remembered with the completion so that a retried
/// Complete with the same list (SDKs retry when the response is lost) is recognised.
/// </summary>
public static class PartListHash
{
    /// <summary>The fingerprint of the list exactly as the client sent it (repeated part numbers included), ETags normalised.</summary>
    public static string Of(IReadOnlyList<CompletePart> list)
    {
        var text = string.Join(";", list.Select(p => p.PartNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + MultipartETag.Normalize(p.ETag)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
