using System.Text;
using Cairn.Core.Errors;
using Cairn.Server.Http;
using Microsoft.Extensions.Primitives;

namespace Cairn.Server.Dialects;

/// <summary>
/// The query parameters of the object listings, spelled alike in S3 and OSS, and the V2 continuation token. Each
/// dialect brings its own reading of max-keys (S3 caps it at 1,000, OSS refuses more and defaults to 100).
/// </summary>
internal static class ListingRequests
{
    /// <summary>Reads a max-keys value (absent: the empty value) as the dialect bounds it.</summary>
    public delegate int? MaxKeysReader(StringValues text);

    public static ListObjectsInput ReadListObjects(IQueryCollection q, MaxKeysReader maxKeys) =>
        new(KeyEncoding.FromQuery(q["encoding-type"]), q["prefix"].ToString(), q["delimiter"].ToString(), q["marker"].ToString(), maxKeys(q["max-keys"]));

    public static ListObjectsV2Input ReadListObjectsV2(IQueryCollection q, MaxKeysReader maxKeys)
    {
        // An empty continuation-token= (sent by some paginators on the first page) lists from the start and is echoed.
        var token = q.TryGetValue("continuation-token", out var sentToken) ? sentToken.ToString() : null;
        var startAfter = q["start-after"].ToString();
        return new ListObjectsV2Input(
            KeyEncoding.FromQuery(q["encoding-type"]), q["prefix"].ToString(), q["delimiter"].ToString(), token, startAfter,
            token is { Length: > 0 } ? DecodeToken(token) : startAfter,
            maxKeys(q["max-keys"]),
            string.Equals(q["fetch-owner"], "true", StringComparison.OrdinalIgnoreCase));
    }

    public static ListVersionsInput ReadListObjectVersions(IQueryCollection q, MaxKeysReader maxKeys)
    {
        var versionIdMarker = q["version-id-marker"].ToString();
        VersionIdQuery.RequireNull(versionIdMarker);
        return new ListVersionsInput(KeyEncoding.FromQuery(q["encoding-type"]), q["prefix"].ToString(), q["delimiter"].ToString(),
            q["key-marker"].ToString(), versionIdMarker, maxKeys(q["max-keys"]));
    }

    /// <summary>The V2 token for the page after <paramref name="marker"/>: URL-safe base64, so it survives clients that do not percent-encode query values.</summary>
    public static string EncodeToken(string marker) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(marker));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "The continuation token provided is incorrect")
            {
                Extra = new Dictionary<string, string> { ["ArgumentName"] = "continuation-token" },
            };
        }
    }
}
