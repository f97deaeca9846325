using System.Security.Cryptography;

namespace Cairn.Client.Tests.Infrastructure;

/// <summary>Deterministic pseudo-random test files and a fast byte-for-byte comparison.</summary>
public static class TestFiles
{
    public const long MiB = 1024 * 1024;

    public static string Create(string folder, string name, long size, int seed)
    {
        var path = Path.Combine(folder, name);
        var random = new Random(seed);
        var buffer = new byte[4 * MiB];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        for (var written = 0L; written < size;)
        {
            var count = (int)Math.Min(buffer.Length, size - written);
            random.NextBytes(buffer.AsSpan(0, count));
            file.Write(buffer, 0, count);
            written += count;
        }

        return path;
    }

    public static byte[] Bytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static void AssertIdentical(string expectedPath, string actualPath)
    {
        Assert.True(File.Exists(actualPath), $"{actualPath} does not exist.");
        Assert.Equal(new FileInfo(expectedPath).Length, new FileInfo(actualPath).Length);
        using var expected = File.OpenRead(expectedPath);
        using var actual = File.OpenRead(actualPath);
        var a = new byte[4 * MiB];
        var b = new byte[4 * MiB];
        for (long offset = 0; ; offset += a.Length)
        {
            var read = expected.ReadAtLeast(a, a.Length, throwOnEndOfStream: false);
            var readActual = actual.ReadAtLeast(b, b.Length, throwOnEndOfStream: false);
            Assert.Equal(read, readActual);
            if (!a.AsSpan(0, read).SequenceEqual(b.AsSpan(0, read)))
            {
                Assert.Fail($"{actualPath} differs from {expectedPath} in the block at offset {offset}.");
            }

            if (read < a.Length)
            {
                return;
            }
        }
    }

    public static string Md5Hex(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }
}
