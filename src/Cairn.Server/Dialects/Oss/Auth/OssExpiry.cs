using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>The end of a signed URL's life, the same rule for V1 (Expires) and V4 (x-oss-date + x-oss-expires).</summary>
internal static class OssExpiry
{
    /// <summary>403 AccessDenied "Request has expired." once <paramref name="now"/> is past <paramref name="expiresAt"/>.</summary>
    public static void Check(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (now <= expiresAt)
        {
            return;
        }

        throw new CairnException(ErrorCode.AccessDenied, "Request has expired.")
        {
            Extra = new Dictionary<string, string>
            {
                ["Expires"] = AmzDate.FormatServerTime(expiresAt),
                ["ServerTime"] = AmzDate.FormatServerTime(now),
            },
        };
    }
}
