using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Server.Http;

/// <summary>
/// <c>encoding-type=url</c> for list responses: every byte outside the unreserved set and '/' becomes %XX
/// (space as %20, '+' as %2B), which every SDK's decoder (unquote_plus included) reads back exactly.
/// </summary>
internal sealed class KeyEncoding
{
    private static readonly KeyEncoding Plain = new(false);
    private static readonly KeyEncoding Url = new(true);

    private KeyEncoding(bool url) => IsUrl = url;

    public bool IsUrl { get; }

    public static KeyEncoding FromQuery(string? value) => value switch
    {
        null or "" => Plain,
        _ when value.Equals("url", StringComparison.OrdinalIgnoreCase) => Url,
        _ => throw new CairnException(ErrorCode.InvalidEncodingType),
    };

    public string? Encode(string? value)
    {
        if (!IsUrl || value is null)
        {
            return value;
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
