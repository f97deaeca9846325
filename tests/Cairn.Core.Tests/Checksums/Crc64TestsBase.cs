using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;
using Cairn.Core.Checksums;

namespace Cairn.Core.Tests.Checksums;

/// <summary>The behaviour both CRC-64 variants share, run once per variant by the derived classes.</summary>
public abstract class Crc64TestsBase
{
    internal abstract Crc64Engine Engine { get; }

    protected abstract ulong ReferencePoly { get; }

    protected abstract ulong CheckValue { get; }

    protected abstract ulong Compute(ReadOnlySpan<byte> data);

    protected abstract ulong Combine(ulong crcA, ulong crcB, long lengthB);

    /// <summary>Appends each piece to a fresh instance and returns its Value.</summary>
    protected abstract ulong Incremental(IEnumerable<ReadOnlyMemory<byte>> pieces);

    [Fact]
    public void Check_value()
    {
        Assert.Equal(CheckValue, Compute(TestBytes.CheckInput));
        Assert.Equal(CheckValue, ReferenceCrc.Compute(TestBytes.CheckInput, ReferencePoly, 64));
    }

    [Fact]
    public void Empty_input()
    {
        Assert.Equal(0UL, Compute([]));
        Assert.Equal(0UL, Incremental([]));
        Assert.Equal(0UL, Incremental([ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty]));
    }

    [Fact]
    public void Matches_the_reference_for_every_length()
    {
        byte[] data = TestBytes.Random(1_048_576 + 20, seed: 21);
        foreach (int n in TestBytes.InterestingLengths())
        {
            var slice = data.AsSpan(3, n);
            Assert.Equal(ReferenceCrc.Compute(slice, ReferencePoly, 64), Compute(slice));
        }
    }

    [Fact]
    public void Folded_path_matches_table_path_from_any_register()
    {
        if (!Pclmulqdq.IsSupported)
        {
            return; // Nothing to compare: Update always takes the table path on this CPU.
        }

        byte[] data = TestBytes.Random(9000, seed: 22);
        var random = new Random(23);
        for (int n = Crc64Engine.FoldThreshold; n < 2100; n++)
        {
            ulong register = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            var slice = data.AsSpan(n % 16, n);
            Assert.Equal(Engine.UpdateTable(register, slice), Engine.UpdateFolded(register, slice));
        }
    }

    [Fact]
    public void Folded_path_handles_degenerate_inputs()
    {
        if (!Pclmulqdq.IsSupported)
        {
            return;
        }

        var zeros = new byte[4096];
        var ones = Enumerable.Repeat((byte)0xFF, 4096).ToArray();
        foreach (var data in new[] { zeros, ones })
        {
            foreach (ulong register in new[] { 0UL, ulong.MaxValue, 1UL, 1UL << 63 })
            {
                Assert.Equal(Engine.UpdateTable(register, data), Engine.UpdateFolded(register, data));
            }
        }
    }

    [Fact]
    public void Incremental_append_in_odd_pieces_equals_one_shot()
    {
        byte[] data = TestBytes.Random(100_003, seed: 24);
        foreach (int maxPiece in new[] { 1, 7, 31, 255, 4099 })
        {
            Assert.Equal(Compute(data), Incremental(TestBytes.OddPieces(data, maxPiece)));
        }
    }

    [Fact]
    public void Combine_equals_direct_computation_for_random_splits()
    {
        byte[] data = TestBytes.Random(70_000, seed: 25);
        var random = new Random(26);
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
            Assert.Equal(Compute(data.AsSpan(0, length)), Combine(Compute(a), Compute(b), b.Length));
        }
    }

    [Fact]
    public void Combine_is_associative_for_huge_lengths()
    {
        var random = new Random(27);
        for (int i = 0; i < 100; i++)
        {
            ulong x = (ulong)random.NextInt64(), y = (ulong)random.NextInt64(), z = (ulong)random.NextInt64();
            long ly = random.NextInt64(0, long.MaxValue / 2), lz = random.NextInt64(0, long.MaxValue / 2);
            Assert.Equal(Combine(Combine(x, y, ly), z, lz), Combine(x, Combine(y, z, lz), ly + lz));
        }
    }

    [Fact]
    public void Combine_rejects_negative_length()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Combine(1, 2, -1));
    }

    protected static string BigEndianBase64(ulong value)
    {
        byte[] raw = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(raw, value);
        return Convert.ToBase64String(raw);
    }
}
