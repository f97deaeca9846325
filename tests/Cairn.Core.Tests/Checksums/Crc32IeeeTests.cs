using Cairn.Core.Checksums;
using IeeeCrc32 = System.IO.Hashing.Crc32;

namespace Cairn.Core.Tests.Checksums;

public class Crc32IeeeTests
{
    [Fact]
    public void Check_value_of_the_crc_being_combined()
    {
        Assert.Equal(0xCBF43926u, IeeeCrc32.HashToUInt32(TestBytes.CheckInput));
        Assert.Equal(0xCBF43926u, (uint)ReferenceCrc.Compute(TestBytes.CheckInput, ReferenceCrc.Crc32IeeePoly, 32));
    }

    [Fact]
    public void Combine_equals_direct_computation_for_random_splits()
    {
        byte[] data = TestBytes.Random(70_000, seed: 11);
        var random = new Random(12);
        var splits = new List<(int Length, int Split)> { (0, 0), (1, 0), (1, 1), (9, 0), (9, 9), (70_000, 1) };
        for (int i = 0; i < 200; i++)
        {
            int length = random.Next(0, data.Length + 1);
            splits.Add((length, random.Next(0, length + 1)));
        }

        foreach (var (length, split) in splits)
        {
            var a = data.AsSpan(0, split);
            var b = data.AsSpan(split, length - split);
            uint combined = Crc32Ieee.Combine(IeeeCrc32.HashToUInt32(a), IeeeCrc32.HashToUInt32(b), b.Length);
            Assert.Equal(IeeeCrc32.HashToUInt32(data.AsSpan(0, length)), combined);
        }
    }

    [Fact]
    public void Combine_of_hello_and_world()
    {
        uint hello = IeeeCrc32.HashToUInt32("hello "u8);
        uint world = IeeeCrc32.HashToUInt32("world"u8);
        Assert.Equal(0x0D4A1185u, Crc32Ieee.Combine(hello, world, 5));
    }

    [Fact]
    public void Combine_rejects_negative_length()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Crc32Ieee.Combine(1, 2, -1));
    }
}
