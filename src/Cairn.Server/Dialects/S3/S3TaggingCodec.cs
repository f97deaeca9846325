using Cairn.Core.Errors;
using Cairn.Core.Objects;
using Cairn.Core.Tagging;
using Cairn.Server.Http;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects.S3;

/// <summary>
/// S3's tagging on the wire (docs/tagging.md "Operations and headers"): the Tagging document of ?tagging (in S3's
/// namespace or none; its integrity checked as it is read when a Content-MD5 or x-amz-checksum-* header is sent, as
/// for the other control documents), x-amz-tagging on writes and x-amz-tagging-directive on copies. GetBucketTagging
/// of a bucket without tags is 404 NoSuchTagSet; PutBucketTagging answers 204.
/// </summary>
internal sealed class S3TaggingCodec : ITaggingCodec
{
    public const string TaggingDirective = "x-amz-tagging-directive";
    public const string TaggingCount = "x-amz-tagging-count";

    /// <summary>The tags a write carries in x-amz-tagging, checked as an object's; empty when the header is absent.</summary>
    public static TagSet ReadHeaderTags(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!headers.TryGetValue(S3Headers.Tagging, out var values))
        {
            return TagSet.Empty;
        }

        var tags = TagQuery.Parse(values.ToString(), S3Headers.Tagging);
        TagRules.CheckObjectTags(tags);
        return tags;
    }

    /// <summary>A copy's tags: null (the source's) unless x-amz-tagging-directive is REPLACE, then x-amz-tagging's.</summary>
    public static TagSet? ReadCopyTags(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var directive = headers[TaggingDirective].ToString();
        return directive switch
        {
            "" or "COPY" => null,
            "REPLACE" => ReadHeaderTags(headers),
            _ => throw new CairnException(ErrorCode.InvalidArgument, "Unknown tagging directive.")
            {
                Details = new ErrorDetails { ArgumentName = TaggingDirective, ArgumentValue = directive },
            },
        };
    }

    /// <summary>x-amz-tagging-count when the object has tags.</summary>
    public static void WriteTagCount(HttpResponse response, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(tags);
        if (!tags.IsEmpty)
        {
            response.Headers[TaggingCount] = tags.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async Task<TagSet> ReadTaggingAsync(OperationRequest r)
    {
        var integrity = ObjectRequestHeaders.ReadIntegrity(r.Request.Headers, r.Auth);
        var body = new VerifyingReadStream(r.OpenBody(), integrity);
        return TaggingDocument.Read(await S3Xml.ReadDocumentAsync(body, TaggingDocument.MaxBytes, TaggingDocument.Root, r.Aborted));
    }

    public Task WriteObjectTaggingAsync(OperationRequest r, TagSet tags)
    {
        r.Response.Headers[S3Headers.VersionId] = VersionIdQuery.NullVersion;
        return Write(r, tags);
    }

    public Task WriteBucketTaggingAsync(OperationRequest r, TagSet tags) =>
        tags.IsEmpty
            ? throw new CairnException(ErrorCode.NoSuchTagSet) { Details = new ErrorDetails { BucketName = r.Bucket } }
            : Write(r, tags);

    public void WriteBucketTaggingStored(OperationRequest r) => r.Response.StatusCode = StatusCodes.Status204NoContent;

    public IReadOnlyList<string>? ReadBucketTagKeysToDelete(OperationRequest r) => null;

    private static Task Write(OperationRequest r, TagSet tags) =>
        S3Xml.WriteAsync(r.Response, TaggingDocument.Root, xml => TaggingDocument.Write(xml, tags), r.Aborted);
}
