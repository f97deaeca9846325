using System.Text;
using Cairn.Core.Errors;
using Microsoft.Net.Http.Headers;

namespace Cairn.Server.Http;

/// <summary>
/// Headers Cairn stores with an object and sends back on GET/HEAD (user metadata, Content-Type and the other
/// representation headers). Their values travel byte for byte: Kestrel decodes them as Latin-1 (one char per
/// byte) and encodes them the same way on the way out, so a value sent as UTF-8, as Latin-1 (Python's
/// http.client) or as an RFC 2047 encoded word comes back exactly as it was sent, and a stored value can never
/// make a response unwritable. Values of these headers are therefore "byte strings" (chars U+0000..U+00FF)
/// wherever Cairn holds them. See docs/s3-compatibility.md.
/// </summary>
internal static class VerbatimHeaders
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentType, HeaderNames.ContentEncoding, HeaderNames.ContentDisposition,
        HeaderNames.ContentLanguage, HeaderNames.CacheControl, HeaderNames.Expires,
    };

    /// <summary>Kestrel's header encoding selector, for requests and responses alike.</summary>
    public static Encoding? EncodingFor(string headerName) => IsVerbatim(headerName) ? Encoding.Latin1 : null;

    public static bool IsVerbatim(string headerName) =>
        Names.Contains(headerName) || Dialects.MetadataHeaders.IsMetadata(headerName);

    /// <summary>
    /// The text a client signed for a verbatim header value: the bytes as UTF-8 when they are valid UTF-8 (SDKs
    /// that send UTF-8 sign those bytes), else as Latin-1 (botocore signs the UTF-8 of a text it sends as Latin-1).
    /// </summary>
    public static string SignedText(string byteString)
    {
        if (Ascii.IsValid(byteString))
        {
            return byteString;
        }

        var bytes = Encoding.Latin1.GetBytes(byteString);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return byteString;
        }
    }

    /// <summary>A text (a query parameter, a legacy stored value) as the byte string of its UTF-8 encoding.</summary>
    public static string FromText(string text) =>
        Ascii.IsValid(text) ? text : Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>A stored value ready for the response; values stored before byte strings were kept are encoded as UTF-8.</summary>
    public static string ForResponse(string stored)
    {
        foreach (var c in stored)
        {
            if (c > '\u00FF')
            {
                return FromText(stored);
            }
        }

        return stored;
    }

    /// <summary>
    /// Control characters (other than tab) cannot travel in a header: refusing them up front keeps every
    /// stored value writable and every echoed value from splitting a response.
    /// </summary>
    public static string RequireWritable(string value, string name)
    {
        foreach (var c in value)
        {
            if (c is < ' ' and not '\t' or '\u007F')
            {
                throw new CairnException(ErrorCode.InvalidArgument, $"The value of {name} contains a control character (U+{(int)c:X4}), which a header cannot carry.")
                {
                    Details = new ErrorDetails { ArgumentName = name },
                };
            }
        }

        return value;
    }
}
