using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects;

/// <summary>
/// The user-metadata header prefixes of every dialect. Kestrel picks a header's encoding before any dialect is
/// chosen, and signature canonicalisation needs the same answer, so the question "is this a metadata header?" is
/// asked of all dialects at once; a new dialect adds its prefix here.
/// </summary>
internal static class MetadataHeaders
{
    private static readonly string[] Prefixes = [S3Headers.MetaPrefix, Oss.OssHeaders.MetaPrefix];

    public static bool IsMetadata(string headerName)
    {
        foreach (var prefix in Prefixes)
        {
            if (headerName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
