using System.Security.Cryptography;
using Cairn.Client.IO;

namespace Cairn.Client.Tests.IO;

public sealed class FileSegmentStreamTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();
    private readonly byte[] _data = Infrastructure.TestFiles.Bytes(3 * 1024 * 1024 + 17, 5);

    public FileSegmentStreamTests() => File.WriteAllBytes(_path, _data);

    [Fact]
    public async Task ReadsOnlyItsWindow_HashesItAndReportsProgressOnce()
    {
        using var handle = File.OpenHandle(_path);
        long reported = 0;
        await using var segment = new FileSegmentStream(handle, 1000, 2_500_000, n => reported += n);
        using var copy = new MemoryStream();
        await segment.CopyToAsync(copy, 7000);
        Assert.Equal(_data.AsSpan(1000, 2_500_000).ToArray(), copy.ToArray());
        Assert.Equal(MD5.HashData(_data.AsSpan(1000, 2_500_000)), segment.ComputeMd5());
        Assert.Equal(2_500_000, reported);

        // A re-read from the start (as an SDK retry would do) restarts the hash but not the progress.
        segment.Position = 0;
        copy.SetLength(0);
        segment.CopyTo(copy);
        Assert.Equal(MD5.HashData(_data.AsSpan(1000, 2_500_000)), segment.ComputeMd5());
        Assert.Equal(2_500_000, reported);
    }

    [Fact]
    public void ComputeMd5_AfterPartialRead_FallsBackToReadingTheRange()
    {
        using var handle = File.OpenHandle(_path);
        using var segment = new FileSegmentStream(handle, 0, _data.Length);
        segment.Seek(10, SeekOrigin.Begin);
        _ = segment.Read(new byte[100], 0, 100);
        Assert.Equal(MD5.HashData(_data), segment.ComputeMd5());
    }

    [Fact]
    public void ShrunkFile_FailsInsteadOfSendingShortParts()
    {
        using var handle = File.OpenHandle(_path);
        using var segment = new FileSegmentStream(handle, _data.Length - 10, 20);
        Assert.Throws<EndOfStreamException>(() => segment.CopyTo(Stream.Null));
    }

    public void Dispose() => File.Delete(_path);
}
