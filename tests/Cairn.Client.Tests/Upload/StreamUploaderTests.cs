using Cairn.Client.Hashing;
using Cairn.Client.Tests.Infrastructure;

namespace Cairn.Client.Tests.Upload;

/// <summary>Uploads from non-seekable streams of unknown size (stdin, pipes): parts cut as data arrives, bounded memory.</summary>
public sealed class StreamUploaderTests(CairnServerFixture server) : IClassFixture<CairnServerFixture>
{
    private const int MiB = (int)TestFiles.MiB;

    [Fact]
    public async Task UnknownLengthStream_IsCutIntoPartsAsDataArrives()
    {
        var bucket = await server.CreateBucketAsync();
        var data = TestFiles.Bytes((5 * MiB) + (MiB / 2), seed: 11);
        using var s3 = server.CreateTransferS3();
        var result = await new CairnTransferClient(s3).UploadStreamAsync(new NonSeekableStream(new MemoryStream(data)), bucket, "piped",
            new TransferOptions { PartSize = MiB, Concurrency = 3 });
        Assert.True(result.Multipart);
        Assert.Equal(6, result.PartsTotal);
        Assert.Equal(data.Length, result.Size);
        Assert.Equal(ETags.Normalize((await s3.GetObjectMetadataAsync(bucket, "piped")).ETag), result.ETag);
        Assert.Equal(data, await S3Inspect.GetBytesAsync(s3, bucket, "piped"));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(0)]
    public async Task StreamShorterThanOnePart_IsOnePutObject(int size)
    {
        var bucket = await server.CreateBucketAsync();
        var data = TestFiles.Bytes(size, seed: 12);
        using var s3 = server.CreateTransferS3();
        var result = await new CairnTransferClient(s3).UploadStreamAsync(new NonSeekableStream(new MemoryStream(data)), bucket, "tiny");
        Assert.False(result.Multipart);
        Assert.Equal(size, result.Size);
        Assert.Equal(data, await S3Inspect.GetBytesAsync(s3, bucket, "tiny"));
        Assert.Empty(await S3Inspect.UploadsAsync(s3, bucket));
    }

    [Fact]
    public async Task ExactMultipleOfPartSize_HasNoEmptyLastPart()
    {
        var bucket = await server.CreateBucketAsync();
        var data = TestFiles.Bytes(3 * MiB, seed: 13);
        using var s3 = server.CreateTransferS3();
        var result = await new CairnTransferClient(s3).UploadStreamAsync(new NonSeekableStream(new MemoryStream(data)), bucket, "exact",
            new TransferOptions { PartSize = MiB });
        Assert.Equal(3, result.PartsTotal);
        Assert.Equal(data, await S3Inspect.GetBytesAsync(s3, bucket, "exact"));
    }

    [Fact]
    public async Task ReadAhead_NeverExceedsConcurrencyTimesPartSize()
    {
        var bucket = await server.CreateBucketAsync();
        var data = TestFiles.Bytes(16 * MiB, seed: 14);
        var source = new NonSeekableStream(new MemoryStream(data));
        var worst = 0L;
        const int concurrency = 2;
        var progress = new CallbackProgress(p =>
        {
            // Bytes taken from the stream but not yet acknowledged by the server are what sits in memory.
            var buffered = source.BytesRead - ((long)p.PartsDone * MiB);
            InterlockedMax(ref worst, buffered);
        });
        await using var proxy = new TcpProxy(server.BaseAddress) { BytesPerSecond = 40L * MiB };
        using var s3 = server.CreateTransferS3(proxy.Address);
        await new CairnTransferClient(s3).UploadStreamAsync(source, bucket, "bounded",
            new TransferOptions { PartSize = MiB, Concurrency = concurrency, Progress = progress });
        Assert.InRange(worst, 1, concurrency * MiB);
        Assert.Equal(data, await S3Inspect.GetBytesAsync(s3, bucket, "bounded"));
    }

    [Fact]
    public async Task FailedStreamingUpload_IsAborted()
    {
        var bucket = await server.CreateBucketAsync();
        var data = TestFiles.Bytes(4 * MiB, seed: 15);
        using var s3 = server.CreateTransferS3();
        await Assert.ThrowsAsync<IOException>(() => new CairnTransferClient(s3).UploadStreamAsync(
            new FailingStream(new MemoryStream(data), failAfter: (2 * MiB) + 5), bucket, "broken", new TransferOptions { PartSize = MiB }));
        Assert.Empty(await S3Inspect.UploadsAsync(s3, bucket));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_read >= failAfter)
            {
                throw new IOException("source broke");
            }

            var read = inner.Read(buffer, offset, (int)Math.Min(count, failAfter - _read));
            _read += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
