using Cairn.Core.Tagging;
using Cairn.Server.Pipeline;

namespace Cairn.Server.Dialects;

/// <summary>
/// A dialect's spelling of the tagging operations (docs/tagging.md "Operations and headers"): the Tagging document in
/// and out for objects and buckets, and what each answer carries. The tags a write carries in a header are read by
/// the object and multipart codecs with the rest of that write.
/// </summary>
internal interface ITaggingCodec
{
    /// <summary>The tags of a Put*Tagging document, as written (MalformedXML for a document of the wrong shape).</summary>
    Task<TagSet> ReadTaggingAsync(OperationRequest r);

    /// <summary>GetObjectTagging's answer (an object without tags answers an empty set).</summary>
    Task WriteObjectTaggingAsync(OperationRequest r, TagSet tags);

    /// <summary>GetBucketTagging's answer: the bucket's tags, or what the dialect answers a bucket without any with.</summary>
    Task WriteBucketTaggingAsync(OperationRequest r, TagSet tags);

    /// <summary>The status of a PutBucketTagging that stored its tags.</summary>
    void WriteBucketTaggingStored(OperationRequest r);

    /// <summary>The keys a DeleteBucketTagging removes; null: every tag.</summary>
    IReadOnlyList<string>? ReadBucketTagKeysToDelete(OperationRequest r);
}
