using System.Diagnostics.CodeAnalysis;
using System.Net;
using Cairn.Core.Errors;

namespace Cairn.Core.Names;

/// <summary>
/// A bucket name that follows S3's DNS-style rules: 3..63 characters of lower-case letters, digits, '.'
/// and '-'; starts and ends with a letter or digit; no "..", no ".-"/"-." next to each other, not an
/// IPv4 address, none of the prefixes and suffixes AWS reserves.
/// </summary>
public readonly record struct BucketName
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3"];

    private BucketName(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out BucketName? name)
    {
        name = null;
        if (text is null || text.Length is < 3 or > 63)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-'))
            {
                return false;
            }
        }

        if (!char.IsAsciiLetterOrDigit(text[0]) || !char.IsAsciiLetterOrDigit(text[^1]))
        {
            return false;
        }

        if (text.Contains("..", StringComparison.Ordinal) || text.Contains(".-", StringComparison.Ordinal)
            || text.Contains("-.", StringComparison.Ordinal))
        {
            return false;
        }

        if (ReservedPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal))
            || ReservedSuffixes.Any(p => text.EndsWith(p, StringComparison.Ordinal)))
        {
            return false;
        }

        if (text.Count(c => c == '.') == 3 && IPAddress.TryParse(text, out _))
        {
            return false;
        }

        name = new BucketName(text);
        return true;
    }

    /// <summary>Parses a name taken from a request that creates a bucket; throws InvalidBucketName.</summary>
    public static BucketName Parse(string? text) =>
        TryParse(text, out var name)
            ? name.Value
            : throw new CairnException(ErrorCode.InvalidBucketName, "The specified bucket is not valid.")
            {
                Details = new ErrorDetails { BucketName = text ?? string.Empty },
            };
}
