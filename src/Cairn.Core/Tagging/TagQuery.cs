using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Core.Tagging;

/// <summary>
/// The URL-encoded query form of a tag set, <c>k1=v1&amp;k2=v2</c>, as the x-amz-tagging and x-oss-tagging headers
/// (and OSS's form field of that name) carry it (docs/tagging.md "Operations and headers"). A pair without <c>=</c>
/// is a key with an empty value; empty pairs are skipped; <c>+</c> is a space, as in any query string. A pair with an
/// empty key, a second raw <c>=</c>, a bad escape, bytes that are not UTF-8 or a repeated key make the whole header
/// malformed: InvalidArgument, as S3 answers it. What the tags may hold is <see cref="TagRules"/>'s to decide.
/// </summary>
public static class TagQuery
{
    /// <summary>The tags <paramref name="text"/> spells; <paramref name="header"/> names the header in the error.</summary>
    public static TagSet Parse(string text, string header)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tags = new List<Tag>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals], header);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..], header);
            if (key.Length == 0 || (equals >= 0 && pair.IndexOf('=', equals + 1) >= 0) || !keys.Add(key))
            {
                throw Malformed(header);
            }

            tags.Add(new Tag(key, value));
        }

        return new TagSet(tags);
    }

    /// <summary>The query form of <paramref name="tags"/>, every reserved character escaped (a space as <c>%20</c>).</summary>
    public static string Format(TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return string.Join('&', tags.Select(tag => Uri.EscapeDataString(tag.Key) + "=" + Uri.EscapeDataString(tag.Value)));
    }

    /// <summary>Percent-escapes and <c>+</c> decoded over the part's UTF-8 bytes, the result strictly UTF-8.</summary>
    private static string Decode(string part, string header)
    {
        if (!part.Contains('%', StringComparison.Ordinal) && !part.Contains('+', StringComparison.Ordinal))
        {
            return part;
        }

        try
        {
            var raw = Strict.GetBytes(part);
            var decoded = new byte[raw.Length];
            var length = 0;
            for (var i = 0; i < raw.Length; i++)
            {
                switch (raw[i])
                {
                    case (byte)'+':
                        decoded[length++] = (byte)' ';
                        break;
                    case (byte)'%' when i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]):
                        decoded[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                        i += 2;
                        break;
                    case (byte)'%':
                        throw Malformed(header);
                    default:
                        decoded[length++] = raw[i];
                        break;
                }
            }

            return Strict.GetString(decoded, 0, length);
        }
        catch (Exception e) when (e is DecoderFallbackException or EncoderFallbackException)
        {
            throw Malformed(header);
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static CairnException Malformed(string header) =>
        new(ErrorCode.InvalidArgument,
            $"The header '{header}' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
}
