using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Server.Http;

/// <summary>
/// <c>encoding-type=url</c> for list responses: every byte outside the unreserved set and '/' becomes %XX
/// (space as %20, '+' as %2B), which every SDK's decoder (unquote_plus included) reads back exactly.
/// </summary>
internal sealed class KeyEncoding
{
    /// <summary>Values as they are (checked to be writable in XML).</summary>
    public static readonly KeyEncoding Plain = new(false);
    /// <summary>Percent-encoding of everything outside the unreserved set and '/'.</summary>
    public static readonly KeyEncoding Url = new(true);

    private KeyEncoding(bool url) => IsUrl = url;

    public bool IsUrl { get; }

    public static KeyEncoding FromQuery(string? value) => value switch
    {
        null or "" => Plain,
        _ when value.Equals("url", StringComparison.OrdinalIgnoreCase) => Url,
        _ => throw new CairnException(ErrorCode.InvalidEncodingType),
    };

    /// <summary>
    /// The value as a listing shows it. Without <c>encoding-type=url</c> a value XML 1.0 cannot carry (a control
    /// character in a prefix or delimiter the client sent, or in a key stored before such keys were refused) is
    /// InvalidArgument: written with a substitute, the client could never name that key again.
    /// </summary>
    public string? Encode(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!IsUrl)
        {
            return Core.Names.ObjectKey.FirstNonXmlCharacter(value) is { } bad
                ? throw new CairnException(ErrorCode.InvalidArgument,
                    $"The listing would have to carry the control character U+{(int)bad:X4}, which XML 1.0 cannot represent; ask with encoding-type=url.")
                : value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '/')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
