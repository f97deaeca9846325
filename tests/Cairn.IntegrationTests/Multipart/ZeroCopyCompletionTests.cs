using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Clients;
using Cairn.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// Complete is a metadata commit that copies no part data (docs/architecture.md "Storage model"; docs/s3-compatibility.md "CompleteMultipartUpload"): with
/// 2,000 parts of exactly the default 100 KiB minimum, the blob files after Complete are the very same files
/// (same inode, size and modification time) as before, and nothing is written to <c>tmp/</c>.
/// </summary>
[Collection(MultipartHeavyCollection.Name)]
public sealed class ZeroCopyCompletionTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    private const int PartCount = 2000;
    private const int PartSize = MinPart; // exactly the default minimum: no fixture with a smaller limit
    private const ulong Seed = 0x2000_0000_C0DE;

    private readonly ITestOutputHelper _output;

    public ZeroCopyCompletionTests(CairnServerFixture fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _output = output;
    }

    [Fact]
    public async Task Complete_With2000PartsOfTheMinimumSize_ReusesThePartBlobFilesWithoutWritingAnyData()
    {
        Assert.Equal(100 * 1024, Fixture.Host.Options.Limits.MinPartSize);
        var bucket = await CreateBucketAsync("mpu-zero-copy");
        const string key = "many-parts/2000.bin";
        const long totalSize = (long)PartCount * PartSize;
        var stopwatch = Stopwatch.StartNew();

        var uploadId = await InitiateAsync(bucket, key);
        var etags = new ConcurrentDictionary<int, string>();
        var md5s = new byte[PartCount][];
        await Parallel.ForEachAsync(
            Enumerable.Range(1, PartCount),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (n, _) =>
            {
                var data = PartData(n);
                var response = await UploadPartAsync(bucket, key, uploadId, n, data);
                md5s[n - 1] = System.Security.Cryptography.MD5.HashData(data);
                etags[n] = response.ETag;
            });
        _output.WriteLine($"uploaded {PartCount} parts in {stopwatch.Elapsed.TotalSeconds:0.0}s");
        for (var n = 1; n <= PartCount; n++)
        {
            Assert.Equal(Quote(Convert.ToHexStringLower(md5s[n - 1])), etags[n]);
        }

        var before = await SnapshotAsync(Path.Combine(Fixture.DataDirectory, "blobs"));
        Assert.Equal(PartCount, before.Count);
        Assert.All(before.Values, f => Assert.Equal(PartSize, f.Size));
        Assert.Empty(DataDirectoryInspector.TempFiles(Fixture.DataDirectory));

        // Anything that appears in the node's temp directory while Complete runs (even briefly) is recorded. A marker file created
        // afterwards is the end of the record: the watcher reports a directory's events in the order they
        // happened, so once the marker's creation is reported, everything Complete did has been too.
        var tmp = Path.Combine(Fixture.DataDirectory, "tmp", Fixture.Host.Options.NodeId);
        var marker = "end-of-record-" + Guid.NewGuid().ToString("N");
        var markerSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tmpEvents = new ConcurrentQueue<string>();
        using (var watcher = new FileSystemWatcher(tmp))
        {
            watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.Size | NotifyFilters.LastWrite;
            watcher.Created += (_, e) =>
            {
                if (e.Name == marker)
                {
                    markerSeen.TrySetResult();
                }
                else
                {
                    tmpEvents.Enqueue("created " + e.Name);
                }
            };
            watcher.Changed += (_, e) =>
            {
                if (e.Name != marker)
                {
                    tmpEvents.Enqueue("changed " + e.Name);
                }
            };
            watcher.Renamed += (_, e) => tmpEvents.Enqueue("renamed " + e.OldName + " -> " + e.Name);
            watcher.EnableRaisingEvents = true;

            var completeTimer = Stopwatch.StartNew();
            var complete = await CompleteAsync(bucket, key, uploadId, Enumerable.Range(1, PartCount).Select(n => (n, etags[n])));
            _output.WriteLine($"completed {PartCount} parts in {completeTimer.Elapsed.TotalSeconds:0.00}s");
            Assert.Equal(ExpectedMultipartETagFromDigests(md5s), complete.ETag);
            await File.WriteAllBytesAsync(Path.Combine(tmp, marker), []);
            await markerSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
            File.Delete(Path.Combine(tmp, marker));
        }

        Assert.True(tmpEvents.IsEmpty, "Complete wrote under tmp/: " + string.Join(", ", tmpEvents.Take(20)));
        Assert.Empty(DataDirectoryInspector.TempFiles(Fixture.DataDirectory));

        var after = await SnapshotAsync(Path.Combine(Fixture.DataDirectory, "blobs"));
        var created = after.Keys.Except(before.Keys).ToList();
        var removed = before.Keys.Except(after.Keys).ToList();
        var rewritten = before.Keys.Intersect(after.Keys).Where(p => before[p] != after[p]).ToList();
        Assert.True(created.Count == 0, $"Complete created {created.Count} blob files, e.g. {string.Join(", ", created.Take(3))}");
        Assert.True(removed.Count == 0, $"Complete removed {removed.Count} blob files, e.g. {string.Join(", ", removed.Take(3))}");
        Assert.True(
            rewritten.Count == 0,
            $"Complete rewrote {rewritten.Count} blob files (inode/size/mtime changed), e.g. " +
            string.Join("; ", rewritten.Take(3).Select(p => $"{p}: {before[p]} -> {after[p]}")));

        var head = await S3.GetObjectMetadataAsync(bucket, key);
        Assert.Equal(totalSize, head.ContentLength);
        Assert.Equal(ExpectedMultipartETagFromDigests(md5s), head.ETag);

        // First bytes, a range across the part 1000/1001 boundary, the last bytes.
        Assert.Equal(Expected(0, 4096), await GetRangeAsync(bucket, key, 0, 4095));
        const long middle = 1000L * PartSize;
        Assert.Equal(Expected(middle - 3000, 6000), await GetRangeAsync(bucket, key, middle - 3000, middle + 2999));
        Assert.Equal(Expected(totalSize - 5000, 5000), await GetRangeAsync(bucket, key, totalSize - 5000, totalSize - 1));

        using (var part = await S3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, PartNumber = 1234 }))
        {
            Assert.Equal(HttpStatusCode.PartialContent, part.HttpStatusCode);
            Assert.Equal(PartCount, part.PartsCount);
            using var buffer = new MemoryStream();
            await part.ResponseStream.CopyToAsync(buffer);
            Assert.Equal(PartData(1234), buffer.ToArray());
        }

        // Reading did not touch the files either.
        var afterReads = await SnapshotAsync(Path.Combine(Fixture.DataDirectory, "blobs"));
        Assert.Equal(before.OrderBy(f => f.Key, StringComparer.Ordinal), afterReads.OrderBy(f => f.Key, StringComparer.Ordinal));
        _output.WriteLine($"total {stopwatch.Elapsed.TotalSeconds:0.0}s");
    }

    /// <summary>Part n is bytes [(n-1)*PartSize, n*PartSize) of one deterministic stream.</summary>
    private static byte[] PartData(int n) => DeterministicStream.Slice(Seed, (long)(n - 1) * PartSize, PartSize);

    private static byte[] Expected(long offset, int count) => DeterministicStream.Slice(Seed, offset, count);

    private sealed record FileState(long Inode, long Size, string ModifiedAt);

    /// <summary>Inode, size and modification time (ns) of every file under <paramref name="directory"/>, from GNU find.</summary>
    private static async Task<Dictionary<string, FileState>> SnapshotAsync(string directory)
    {
        var find = ExternalTool.Find("find") ?? throw new Xunit.Sdk.XunitException("GNU find is needed to read inode numbers");
        var result = (await ExternalTool.RunAsync(find, [directory, "-type", "f", "-printf", "%i %s %T@ %p\\n"])).EnsureSuccess("find");
        var files = new Dictionary<string, FileState>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', 4);
            files[fields[3]] = new FileState(
                long.Parse(fields[0], CultureInfo.InvariantCulture),
                long.Parse(fields[1], CultureInfo.InvariantCulture),
                fields[2]);
        }

        return files;
    }
}
