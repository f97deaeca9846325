namespace Cairn.Server.Auth;

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
    public static bool TryDecode(ReadOnlySpan<byte> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var hi = Value(hex[2 * i]);
            var lo = Value(hex[2 * i + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            destination[i] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    /// <summary>Decodes exactly <c>destination.Length * 2</c> hex characters.</summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var hi = Value(hex[2 * i]);
            var lo = Value(hex[2 * i + 1]);
            if ((hi | lo) < 0)
            {
                return false;
            }

            destination[i] = (byte)((hi << 4) | lo);
        }

        return true;
    }

    /// <summary>The value of one hex digit, or -1.</summary>
    public static int Value(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
