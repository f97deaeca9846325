using Cairn.Core.Errors;

namespace Cairn.Core.Tagging;

/// <summary>
/// What S3 allows in a tag set, checked in one place for both dialects and every way tags arrive (the x-amz-tagging
/// and x-oss-tagging headers, the Tagging documents, POST's tagging field): at most 10 tags on an object and 50 on
/// a bucket, keys of 1 to 128 and values of at most 256 Unicode characters, S3's allowed characters, no repeated
/// key. A breach is InvalidTag naming what is wrong (docs/tagging.md).
/// </summary>
public static class TagRules
{
    public const int MaxObjectTags = 10;
    public const int MaxBucketTags = 50;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    /// <summary>Throws InvalidTag when <paramref name="tags"/> breaks a rule for an object's tags.</summary>
    public static void CheckObjectTags(TagSet tags) => Check(tags, MaxObjectTags, "Object tags cannot be greater than 10");

    /// <summary>Throws InvalidTag when <paramref name="tags"/> breaks a rule for a bucket's tags.</summary>
    public static void CheckBucketTags(TagSet tags) => Check(tags, MaxBucketTags, "Bucket tag count cannot be greater than 50");

    private static void Check(TagSet tags, int max, string tooMany)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count > max)
        {
            throw new CairnException(ErrorCode.InvalidTag, tooMany);
        }

        // The remaining rules (lengths, characters, repeated keys, reserved prefixes) are added with the tagging
        // operations.
    }
}
