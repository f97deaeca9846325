using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Core.Names;

/// <summary>
/// Object key rules (DESIGN.md): valid UTF-8, 1..<c>maxBytes</c> bytes, not starting with '/' or '\'.
/// A key is user input and never becomes a file path.
/// </summary>
public static class ObjectKey
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks a key; throws KeyTooLongError or InvalidArgument with a clear message.</summary>
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
                Extra = new Dictionary<string, string> { ["ArgumentName"] = "key", ["ArgumentValue"] = key },
            };
        }

        return key;
    }
}
