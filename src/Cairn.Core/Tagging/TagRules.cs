using System.Globalization;
using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Core.Tagging;

/// <summary>
/// What S3 allows in a tag set, checked in one place for both dialects and every way tags arrive (the x-amz-tagging
/// and x-oss-tagging headers, the Tagging documents, POST's tagging field): at most 10 tags on an object and 50 on
/// a bucket, keys of 1 to 128 and values of at most 256 Unicode characters, S3's allowed characters, no repeated
/// key, no key a user sets under the reserved <c>aws:</c> prefix (docs/tagging.md "Rules").
/// </summary>
/// <remarks>
/// Lengths count Unicode code points, as S3 does: a character outside the Basic Multilingual Plane counts once, though
/// .NET holds it as two UTF-16 units. The allowed characters are S3's pattern <c>[\p{L}\p{Z}\p{N}_.:/=+\-@]</c>:
/// letters, separators (spaces) and digits of any script, and those seven symbols.
/// </remarks>
public static class TagRules
{
    public const int MaxObjectTags = 10;
    public const int MaxBucketTags = 50;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    /// <summary>The prefix S3 keeps for the tags it sets itself; compared ignoring case.</summary>
    public const string ReservedPrefix = "aws:";

    /// <summary>Throws (BadRequest for the count, InvalidTag for the rest) when <paramref name="tags"/> breaks a rule for an object's tags.</summary>
    public static void CheckObjectTags(TagSet tags) => Check(tags, MaxObjectTags, "Object tags cannot be greater than 10");

    /// <summary>Throws (BadRequest for the count, InvalidTag for the rest) when <paramref name="tags"/> breaks a rule for a bucket's tags.</summary>
    public static void CheckBucketTags(TagSet tags) => Check(tags, MaxBucketTags, "Bucket tag count cannot be greater than 50");

    /// <summary>Whether <paramref name="key"/> is a tag key S3 accepts from a user (length, characters, not reserved).</summary>
    public static bool IsValidKey(string key) => KeyFailure(key) is null;

    /// <summary>Whether <paramref name="value"/> is a tag value S3 accepts (length, characters).</summary>
    public static bool IsValidValue(string value) => IsValidText(value, 0, MaxValueLength);

    private static void Check(TagSet tags, int max, string tooMany)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count > max)
        {
            throw new CairnException(ErrorCode.BadRequest, tooMany);
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (KeyFailure(tag.Key) is { } failure)
            {
                throw new CairnException(ErrorCode.InvalidTag, failure);
            }

            if (!IsValidValue(tag.Value))
            {
                throw new CairnException(ErrorCode.InvalidTag, "The TagValue you have provided is invalid");
            }

            if (!keys.Add(tag.Key))
            {
                throw new CairnException(ErrorCode.InvalidTag, "Cannot provide multiple Tags with the same key");
            }
        }
    }

    private static string? KeyFailure(string key)
    {
        if (!IsValidText(key, 1, MaxKeyLength))
        {
            return "The TagKey you have provided is invalid";
        }

        return key.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase) ? "Your TagKey cannot be prefixed with aws:" : null;
    }

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> code points, each an allowed character.</summary>
    private static bool IsValidText(string? text, int min, int max)
    {
        if (text is null)
        {
            return false;
        }

        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (++count > max || !IsAllowed(rune))
            {
                return false;
            }
        }

        // A lone surrogate enumerates as U+FFFD, which is no letter: it was refused above.
        return count >= min;
    }

    private static bool IsAllowed(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => rune.Value is '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@',
    };
}
