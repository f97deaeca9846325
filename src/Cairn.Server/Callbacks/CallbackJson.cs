using System.Text.Json;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Decodes what a callback carrier holds, base64 of a JSON object, within the size OSS allows for it (5 KB of
/// base64 text), or refuses it with 400 InvalidArgument on the argument that carried it.
/// </summary>
internal static class CallbackJson
{
    public const int MaxEncodedLength = 5 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    public static JsonDocument Decode(string encoded, string argument)
    {
        if (encoded.Length > MaxEncodedLength)
        {
            throw CallbackFailures.InvalidArgument(argument, $"The value of {argument} is longer than {MaxEncodedLength} bytes.");
        }

        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            throw CallbackFailures.InvalidArgument(argument, $"The value of {argument} is not valid base64.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.AsMemory(0, length), Options);
        }
        catch (JsonException)
        {
            throw CallbackFailures.InvalidArgument(argument, $"The value of {argument} is not base64 of a JSON document.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw CallbackFailures.InvalidArgument(argument, $"The value of {argument} is not base64 of a JSON object.");
        }

        return document;
    }
}
