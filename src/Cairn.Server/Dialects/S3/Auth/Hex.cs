namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>Allocation-free hex helpers for signatures and digests (lower-case output, either case input).</summary>
internal static class Hex
{
    private static ReadOnlySpan<byte> LowerDigits => "0123456789abcdef"u8;

    /// <summary>Writes <paramref name="source"/> as lower-case ASCII hex; <paramref name="destination"/> must hold twice its length.</summary>
    public static void EncodeLower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[2 * i] = LowerDigits[source[i] >> 4];
            destination[2 * i + 1] = LowerDigits[source[i] & 0xF];
        }
    }

    /// <summary>Decodes exactly <c>destination.Length * 2</c> ASCII hex bytes.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> hex, Span<byte> destination) =>
        hex.Length == destination.Length * 2
        && Convert.FromHexString(hex, destination, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;

    /// <summary>Decodes exactly <c>destination.Length * 2</c> hex characters.</summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> destination) =>
        hex.Length == destination.Length * 2
        && Convert.FromHexString(hex, destination, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == destination.Length;

    /// <summary>The value of one hex digit, or -1.</summary>
    public static int Value(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
