using Cairn.Core.Errors;
using Cairn.Core.Model;
using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Http;

/// <summary>
/// Conditional request evaluation in RFC 9110 §13.2.2 order: If-Match, If-Unmodified-Since, If-None-Match,
/// If-Modified-Since. GET/HEAD answer 304 where other methods answer 412.
/// </summary>
internal static class Preconditions
{
    public static void Check(ObjectConditions conditions, ObjectRecord record, bool isRead) =>
        Check(conditions, record, notModifiedCode: isRead ? ErrorCode.NotModified : ErrorCode.PreconditionFailed, modifiedSinceApplies: isRead);

    /// <summary>A copy source's conditions: every failure is 412, If-Modified-Since included.</summary>
    public static void CheckCopySource(ObjectConditions conditions, ObjectRecord source) =>
        Check(conditions, source, ErrorCode.PreconditionFailed, modifiedSinceApplies: true);

    private static void Check(ObjectConditions conditions, ObjectRecord record, ErrorCode notModifiedCode, bool modifiedSinceApplies)
    {
        var (ifMatch, ifUnmodifiedSince, ifNoneMatch, ifModifiedSince) = conditions;
        // HTTP dates have second precision.
        var lastModified = DateTimeOffset.FromUnixTimeSeconds(record.LastModified.ToUnixTimeSeconds());
        if (!string.IsNullOrEmpty(ifMatch))
        {
            if (!ETagListMatches(ifMatch, record.ETag))
            {
                throw new CairnException(ErrorCode.PreconditionFailed) { Details = Condition("If-Match") };
            }
        }
        else if (TryDate(ifUnmodifiedSince, out var unmodifiedSince) && lastModified > unmodifiedSince)
        {
            throw new CairnException(ErrorCode.PreconditionFailed) { Details = Condition("If-Unmodified-Since") };
        }

        if (!string.IsNullOrEmpty(ifNoneMatch))
        {
            if (ETagListMatches(ifNoneMatch, record.ETag))
            {
                throw new CairnException(notModifiedCode) { Details = Condition("If-None-Match") };
            }
        }
        // RFC 9110 §13.1.3: If-Modified-Since only applies to GET and HEAD (and to S3's copy-source variant).
        else if (modifiedSinceApplies && TryDate(ifModifiedSince, out var modifiedSince) && lastModified <= modifiedSince)
        {
            throw new CairnException(notModifiedCode) { Details = Condition("If-Modified-Since") };
        }
    }

    /// <summary>Compares ETags without quotes and case-insensitively (docs/s3-compatibility.md "Conditional writes and deletes"); "*" matches anything.</summary>
    public static bool ETagListMatches(string list, string etag)
    {
        foreach (var item in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = item.StartsWith("W/", StringComparison.Ordinal) ? item[2..] : item;
            if (candidate == "*" || string.Equals(candidate.Trim('"'), etag, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryDate(string? text, out DateTimeOffset value)
    {
        value = default;
        return !string.IsNullOrEmpty(text) && HeaderUtilities.TryParseDate(text, out value);
    }

    private static ErrorDetails Condition(string name) => new() { Condition = name };
}
