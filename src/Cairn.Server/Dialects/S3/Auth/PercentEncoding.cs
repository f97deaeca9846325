using System.Buffers;
using System.Text;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// Percent-decoding of raw URL pieces to bytes and RFC 3986 re-encoding (docs/s3-compatibility.md "Signature V4 in the Authorization header": unreserved set
/// <c>A-Z a-z 0-9 - _ . ~</c>, everything else as upper-case <c>%XX</c> of its UTF-8 bytes).
/// </summary>
internal static class PercentEncoding
{
    /// <summary>Decodes <paramref name="raw"/> and appends its canonical encoding to <paramref name="builder"/>.</summary>
    public static void AppendCanonical(StringBuilder builder, ReadOnlySpan<char> raw, bool plusIsSpace)
    {
        if (IsAlreadyUnreserved(raw))
        {
            builder.Append(raw);
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(raw.Length));
        try
        {
            var length = Decode(raw, rented, plusIsSpace);
            AppendEncoded(builder, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes <paramref name="raw"/> into a string (invalid UTF-8 becomes U+FFFD).</summary>
    public static string DecodeToString(ReadOnlySpan<char> raw, bool plusIsSpace)
    {
        if (raw.IndexOfAny('%', '+') < 0)
        {
            return raw.ToString();
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(raw.Length));
        try
        {
            var length = Decode(raw, rented, plusIsSpace);
            return Encoding.UTF8.GetString(rented, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Appends bytes percent-encoded with the unreserved set kept literal.</summary>
    public static void AppendEncoded(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        const string digits = "0123456789ABCDEF";
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(digits[b >> 4]).Append(digits[b & 0xF]);
            }
        }
    }

    /// <summary>
    /// Decodes %XX escapes to bytes; other characters become their UTF-8 bytes. A '%' not followed by two hex
    /// digits stays a literal '%' (clients that forget to escape it signed it as %25).
    /// </summary>
    private static int Decode(ReadOnlySpan<char> raw, byte[] destination, bool plusIsSpace)
    {
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && Hex.Value(raw[i + 1]) >= 0 && Hex.Value(raw[i + 2]) >= 0)
            {
                destination[length++] = (byte)((Hex.Value(raw[i + 1]) << 4) | Hex.Value(raw[i + 2]));
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                destination[length++] = (byte)' ';
            }
            else if (c < 0x80)
            {
                destination[length++] = (byte)c;
            }
            else
            {
                var count = char.IsHighSurrogate(c) && i + 1 < raw.Length ? 2 : 1;
                length += Encoding.UTF8.GetBytes(raw.Slice(i, count), destination.AsSpan(length));
                i += count - 1;
            }
        }

        return length;
    }

    private static bool IsAlreadyUnreserved(ReadOnlySpan<char> raw)
    {
        foreach (var c in raw)
        {
            if (c >= 0x80 || !IsUnreserved((byte)c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
