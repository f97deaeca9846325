namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>BinaryEquals: both values are base64 and equal when their bytes are.</summary>
internal sealed class BinaryTest(byte[] value) : IValueTest
{
    public bool? Matches(string requestValue, PolicyContext context) =>
        Decode(requestValue) is { } actual && actual.AsSpan().SequenceEqual(value);

    public static byte[]? Decode(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
