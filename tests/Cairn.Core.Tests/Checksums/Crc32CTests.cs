using Cairn.Core.Checksums;

namespace Cairn.Core.Tests.Checksums;

public class Crc32CTests
{
    [Fact]
    public void Check_value()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(TestBytes.CheckInput));
        Assert.Equal(0xE3069283u, (uint)ReferenceCrc.Compute(TestBytes.CheckInput, ReferenceCrc.Crc32CPoly, 32));
    }

    [Fact]
    public void Known_S3_value_of_hello_world()
    {
        uint crc = Crc32C.Compute(TestBytes.HelloWorld);
        Assert.Equal(0xC99465AAu, crc);
        byte[] raw = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(raw, crc);
        Assert.Equal("yZRlqg==", Convert.ToBase64String(raw));
    }

    [Fact]
    public void Empty_input()
    {
        Assert.Equal(0u, Crc32C.Compute([]));
        Assert.Equal(0u, new Crc32C().Value);
        var crc = new Crc32C();
        crc.Append([]);
        Assert.Equal(0u, crc.Value);
    }

    [Fact]
    public void Matches_the_reference_for_every_length()
    {
        byte[] data = TestBytes.Random(1_048_576 + 13, seed: 1);
        foreach (int n in TestBytes.InterestingLengths())
        {
            // An odd offset also exercises unaligned loads.
            var slice = data.AsSpan(1, Math.Min(n, data.Length - 1));
            Assert.Equal((uint)ReferenceCrc.Compute(slice, ReferenceCrc.Crc32CPoly, 32), Crc32C.Compute(slice));
        }
    }

    [Fact]
    public void Software_fallback_matches_hardware_path()
    {
        byte[] data = TestBytes.Random(5000, seed: 2);
        var random = new Random(3);
        for (int n = 0; n < data.Length; n += 1 + n / 8)
        {
            uint register = (uint)random.NextInt64();
            var span = data.AsSpan(0, n);
            Assert.Equal(Crc32C.Update(register, span), Crc32C.UpdateSoftware(register, span));
        }

        Assert.Equal(0xE3069283u, ~Crc32C.UpdateSoftware(uint.MaxValue, TestBytes.CheckInput));
    }

    [Fact]
    public void Incremental_append_in_odd_pieces_equals_one_shot()
    {
        byte[] data = TestBytes.Random(100_003, seed: 4);
        foreach (int maxPiece in new[] { 1, 7, 31, 255, 4099 })
        {
            var crc = new Crc32C();
            foreach (var piece in TestBytes.OddPieces(data, maxPiece))
            {
                crc.Append(piece.Span);
            }

            Assert.Equal(Crc32C.Compute(data), crc.Value);
        }
    }

    [Fact]
    public void Value_can_be_read_midway()
    {
        byte[] data = TestBytes.Random(1000, seed: 5);
        var crc = new Crc32C();
        crc.Append(data.AsSpan(0, 400));
        Assert.Equal(Crc32C.Compute(data.AsSpan(0, 400)), crc.Value);
        crc.Append(data.AsSpan(400));
        Assert.Equal(Crc32C.Compute(data), crc.Value);
    }

    [Fact]
    public void Combine_equals_direct_computation_for_random_splits()
    {
        byte[] data = TestBytes.Random(70_000, seed: 6);
        var random = new Random(7);
        var splits = new List<(int Length, int Split)> { (0, 0), (1, 0), (1, 1), (70_000, 0), (70_000, 70_000) };
        for (int i = 0; i < 200; i++)
        {
            int length = random.Next(0, data.Length + 1);
            splits.Add((length, random.Next(0, length + 1)));
        }

        foreach (var (length, split) in splits)
        {
            var a = data.AsSpan(0, split);
            var b = data.AsSpan(split, length - split);
            Assert.Equal(Crc32C.Compute(data.AsSpan(0, length)), Crc32C.Combine(Crc32C.Compute(a), Crc32C.Compute(b), b.Length));
        }
    }

    [Fact]
    public void Combine_is_associative_for_huge_lengths()
    {
        // Lengths far beyond anything that can be hashed directly in a test; associativity holds only if the
        // x^(8n) powers are right for every bit of n.
        var random = new Random(8);
        for (int i = 0; i < 100; i++)
        {
            uint x = (uint)random.NextInt64(), y = (uint)random.NextInt64(), z = (uint)random.NextInt64();
            long ly = random.NextInt64(0, long.MaxValue / 2), lz = random.NextInt64(0, long.MaxValue / 2);
            Assert.Equal(
                Crc32C.Combine(Crc32C.Combine(x, y, ly), z, lz),
                Crc32C.Combine(x, Crc32C.Combine(y, z, lz), ly + lz));
        }
    }

    [Fact]
    public void Combine_rejects_negative_length()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Crc32C.Combine(1, 2, -1));
    }
}
