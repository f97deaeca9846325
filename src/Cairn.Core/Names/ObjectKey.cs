using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Core.Names;

/// <summary>
/// Object key rules (docs/s3-compatibility.md): valid UTF-8, 1..<c>maxBytes</c> bytes, not starting with '/' or '\';
/// a new key must also be listable, so characters XML 1.0 cannot carry are refused where keys are created.
/// A key is user input and never becomes a file path.
/// </summary>
public static class ObjectKey
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Checks a key that is about to be created (PutObject, CopyObject's target, CreateMultipartUpload): the
    /// <see cref="Validate"/> rules, and no character that XML 1.0 cannot carry (U+0000..U+0008, U+000B, U+000C,
    /// U+000E..U+001F, U+FFFE, U+FFFF), because every listing, DeleteObjects request and error body carries keys
    /// in XML. Tab, CR and LF are allowed: listings write them as character references.
    /// </summary>
    public static string ValidateForWrite(string? key, int maxBytes)
    {
        Validate(key, maxBytes);
        if (FirstNonXmlCharacter(key!) is { } bad)
        {
            throw new CairnException(ErrorCode.InvalidArgument,
                $"Object keys may not contain the control character U+{(int)bad:X4}: XML listings could not carry it.")
            {
                Details = new ErrorDetails { ArgumentName = "key" },
            };
        }

        return key!;
    }

    /// <summary>The first character XML 1.0 cannot represent, even as a character reference; null when none.</summary>
    public static char? FirstNonXmlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (!IsXmlCharacter(c))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Whether XML 1.0 can carry the UTF-16 code unit (surrogates count: strict UTF-8 leaves only pairs).</summary>
    public static bool IsXmlCharacter(char c) => c is >= ' ' and not ('\uFFFE' or '\uFFFF') or '\t' or '\n' or '\r';

    /// <summary>Checks a key that names an existing object; throws KeyTooLongError or InvalidArgument with a clear message.</summary>
    public static string Validate(string? key, int maxBytes)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new CairnException(ErrorCode.InvalidArgument, "The object key must not be empty.");
        }

        int bytes;
        try
        {
            bytes = StrictUtf8.GetByteCount(key);
        }
        catch (EncoderFallbackException)
        {
            throw new CairnException(ErrorCode.InvalidArgument, "The object key is not valid UTF-8.");
        }

        if (bytes > maxBytes)
        {
            throw new CairnException(ErrorCode.KeyTooLongError, $"Your key is too long: {bytes} bytes, at most {maxBytes} allowed.");
        }

        if (key[0] is '/' or '\\')
        {
            throw new CairnException(ErrorCode.InvalidArgument, "The object key must not start with '/' or '\\'.")
            {
                Details = new ErrorDetails { ArgumentName = "key", ArgumentValue = key },
            };
        }

        return key;
    }
}
