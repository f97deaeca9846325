using System.Text;

namespace Cairn.Core.Tests.Checksums;

/// <summary>Deterministic inputs shared by the checksum tests, so failures reproduce.</summary>
internal static class TestBytes
{
    public static readonly byte[] CheckInput = Encoding.ASCII.GetBytes("123456789");

    public static readonly byte[] HelloWorld = Encoding.ASCII.GetBytes("hello world");

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Splits <paramref name="data"/> into pieces of odd, varying sizes (1, 3, 5, ... wrapping).</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> OddPieces(byte[] data, int maxPiece)
    {
        int offset = 0;
        int size = 1;
        while (offset < data.Length)
        {
            int take = Math.Min(size, data.Length - offset);
            yield return data.AsMemory(offset, take);
            offset += take;
            size += 2;
            if (size > maxPiece)
            {
                size = 1;
            }
        }
    }

    /// <summary>Lengths around every interesting boundary: 8-byte words, 16-byte lanes, the 128-byte fold block.</summary>
    public static IEnumerable<int> InterestingLengths()
    {
        for (int n = 0; n <= 300; n++)
        {
            yield return n;
        }

        foreach (int n in new[] { 383, 384, 385, 1023, 1024, 1025, 4095, 4096, 4097, 65_536 + 7, 1_048_576 + 13 })
        {
            yield return n;
        }
    }
}
