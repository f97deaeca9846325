using Cairn.Core.Model;
using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// Conditional writes and deletes: <c>If-None-Match: *</c> (create only) and <c>If-Match: etag</c> (replace or
/// delete only that object; <c>*</c> = whatever object exists) on PutObject, CopyObject's target,
/// CompleteMultipartUpload and DeleteObject. If-None-Match with an ETag on a write, or at all on a delete, asks for
/// something S3 does not define and answers NotImplemented.
/// </summary>
internal static class WriteConditions
{
    public static WriteCondition ForWrite(IHeaderDictionary headers) => Read(headers, isDelete: false);

    public static WriteCondition ForDelete(IHeaderDictionary headers) => Read(headers, isDelete: true);

    private static WriteCondition Read(IHeaderDictionary headers, bool isDelete)
    {
        var ifNoneMatch = headers.IfNoneMatch.ToString().Trim();
        if (isDelete && ifNoneMatch.Length > 0)
        {
            throw UnsupportedHeaders.NotImplemented(HeaderNames.IfNoneMatch,
                "A delete takes If-Match only (delete the object only if it has this ETag, or exists at all with '*').");
        }

        if (ifNoneMatch.Length > 0 && ifNoneMatch != "*")
        {
            throw UnsupportedHeaders.NotImplemented(HeaderNames.IfNoneMatch,
                "If-None-Match on a write accepts only '*' (create the object only if the key is free).");
        }

        var ifMatch = headers.IfMatch.ToString().Trim();
        return ifNoneMatch.Length == 0 && ifMatch.Length == 0
            ? WriteCondition.None
            : new WriteCondition(ifNoneMatch.Length > 0, ifMatch.Length > 0 ? ifMatch : null);
    }
}
