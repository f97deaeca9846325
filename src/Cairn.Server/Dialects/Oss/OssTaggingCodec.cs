using System.Globalization;
using Cairn.Core.Errors;
using Cairn.Core.Tagging;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.Oss;

/// <summary>
/// OSS's tagging on the wire (docs/oss-compatibility.md "Tagging"): PutObjectTagging/GetObjectTagging/
/// DeleteObjectTagging and PutBucketTags/GetBucketTags/DeleteBucketTags on ?tagging with the same Tagging document as
/// S3's, in no namespace; x-oss-tagging on writes and x-oss-tagging-directive (Copy or Replace) on copies. Unlike S3,
/// GetBucketTags of a bucket without tags answers an empty TagSet, PutBucketTags answers 200, and DeleteBucketTags
/// may name the keys it removes (<c>?tagging=k1,k2</c>).
/// </summary>
internal sealed class OssTaggingCodec : ITaggingCodec
{
    public const string TaggingDirective = "x-oss-tagging-directive";
    public const string TaggingCount = "x-oss-tagging-count";

    /// <summary>The tags a write carries in x-oss-tagging, checked as an object's; empty when the header is absent.</summary>
    public static TagSet ReadHeaderTags(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!headers.TryGetValue(OssHeaders.Tagging, out var values))
        {
            return TagSet.Empty;
        }

        var tags = TagQuery.Parse(values.ToString(), OssHeaders.Tagging);
        TagRules.CheckObjectTags(tags);
        return tags;
    }

    /// <summary>A copy's tags: null (the source's) unless x-oss-tagging-directive is Replace, then x-oss-tagging's.</summary>
    public static TagSet? ReadCopyTags(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var directive = headers[TaggingDirective].ToString();
        return directive.ToUpperInvariant() switch
        {
            "" or "COPY" => null,
            "REPLACE" => ReadHeaderTags(headers),
            _ => throw new CairnException(ErrorCode.InvalidArgument, $"The {TaggingDirective} header must be Copy or Replace.")
            {
                Details = new ErrorDetails { ArgumentName = TaggingDirective, ArgumentValue = directive },
            },
        };
    }

    /// <summary>x-oss-tagging-count when the object has tags.</summary>
    public static void WriteTagCount(HttpResponse response, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(tags);
        if (!tags.IsEmpty)
        {
            response.Headers[TaggingCount] = tags.Count.ToString(CultureInfo.InvariantCulture);
        }
    }

    public async Task<TagSet> ReadTaggingAsync(OperationRequest r) =>
        TaggingDocument.Read(await OssXml.ReadDocumentAsync(r, TaggingDocument.MaxBytes, TaggingDocument.Root));

    public Task WriteObjectTaggingAsync(OperationRequest r, TagSet tags) => Write(r, tags);

    public Task WriteBucketTaggingAsync(OperationRequest r, TagSet tags) => Write(r, tags);

    public void WriteBucketTaggingStored(OperationRequest r)
    {
        // 200 with no body, as OSS answers.
    }

    public IReadOnlyList<string>? ReadBucketTagKeysToDelete(OperationRequest r)
    {
        var keys = r.Request.Query["tagging"].ToString();
        return keys.Length == 0 ? null : keys.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Task Write(OperationRequest r, TagSet tags) =>
        OssXml.WriteAsync(r.Response, TaggingDocument.Root, xml => TaggingDocument.Write(xml, tags), r.Aborted);
}
