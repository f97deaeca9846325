using System.Globalization;
using System.Security.Cryptography;

namespace Cairn.Core.Multipart;

/// <summary>
/// Upload ids: 12 hex digits of the initiation time (Unix milliseconds) followed by 36 random hex digits. The
/// time prefix makes an id carry its own listing position (key, initiation time, id), so an upload-id-marker
/// still works when the upload it names has been completed or aborted between two pages.
/// </summary>
public static class UploadIds
{
    public static string New(DateTimeOffset initiatedAt) =>
        initiatedAt.ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));

    /// <summary>The initiation time encoded in an id, or null for an id Cairn did not make.</summary>
    public static DateTimeOffset? InitiatedAt(string uploadId) =>
        uploadId.Length == 48 && long.TryParse(uploadId.AsSpan(0, 12), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
