using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Clients;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.MultiNode;

/// <summary>
/// A node killed with SIGKILL in the middle of an upload while the other node keeps serving (README "Running several
/// nodes"): every acknowledged object stays intact, the interrupted part leaves no trace, the upload resumes and
/// completes on the surviving node, and the killed node's leftover temp file goes when it comes back — without the
/// surviving node's start-up or its in-flight writes being touched.
/// </summary>
public sealed class NodeCrashTests : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-2n-crash-" + Guid.NewGuid().ToString("N")[..12]);
    private string? _metadata;
    private CairnHost? _b;
    private CairnServerProcess? _a;

    public Task InitializeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Killing_one_node_mid_upload_keeps_every_acknowledged_object_and_the_upload_resumes_on_the_other()
    {
        _metadata = TestPostgres.CreateDatabase();
        _b = await CairnHost.StartAsync(TwoNodes.NodeOptions(_dataDirectory, _metadata, "node-b"));
        _a = await StartNodeAAsync();
        using var a = _a.CreateClient(config => config.MaxErrorRetry = 0);
        using var b = CairnServerFixture.CreateClient(_b, config => config.MaxErrorRetry = 0);

        await a.PutBucketAsync("crash");
        var acknowledged = new Dictionary<string, byte[]>();
        foreach (var (size, index) in new[] { 0, 1, 4095, 64 * 1024 + 1, MiB, 5 * MiB + 3 }.Select((s, i) => (s, i)))
        {
            var data = DeterministicStream.Slice((ulong)(100 + index), 0, size);
            await a.PutObjectAsync(new PutObjectRequest { BucketName = "crash", Key = $"acked/{index}", InputStream = new MemoryStream(data) });
            acknowledged[$"acked/{index}"] = data;
        }

        byte[][] parts = [DeterministicStream.Slice(1, 0, 5 * MiB), DeterministicStream.Slice(2, 0, 5 * MiB), DeterministicStream.Slice(3, 0, 3 * MiB)];
        var uploadId = (await a.InitiateMultipartUploadAsync("crash", "resumed.bin")).UploadId;
        var etags = new List<PartETag>();
        for (var i = 0; i < 2; i++)
        {
            var response = await a.UploadPartAsync(new UploadPartRequest
            {
                BucketName = "crash", Key = "resumed.bin", UploadId = uploadId, PartNumber = i + 1, InputStream = new MemoryStream(parts[i]),
            });
            etags.Add(new PartETag(i + 1, response.ETag));
        }

        // Part 3 starts on node A and stalls half-way; node A dies with it in flight.
        var stall = new StallingBody(parts[2], stallAfter: MiB);
        using var raw = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var inFlight = SendStallingPartAsync(raw, _a, uploadId, stall);
        Assert.True(await Eventually.WaitAsync(() => DataDirectoryInspector.TempFiles(_dataDirectory).Count > 0, TimeSpan.FromSeconds(30)),
            "node A never started writing part 3");

        // Node B is busy too when A dies: its writes go on undisturbed.
        using var busy = new CancellationTokenSource();
        var progress = new StrongBox<int>();
        var load = WriteLoopAsync(b, progress, busy.Token);
        _a.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => inFlight);
        var atKill = Volatile.Read(ref progress.Value);
        Assert.True(await Eventually.WaitAsync(() => Volatile.Read(ref progress.Value) >= atKill + 3 || load.IsCompleted, TimeSpan.FromSeconds(30)),
            "node B stopped serving writes when node A died");
        busy.Cancel();
        await load;

        foreach (var (key, data) in acknowledged)
        {
            using var got = await b.GetObjectAsync("crash", key);
            Assert.Equal(MD5.HashData(data), await MD5.HashDataAsync(got.ResponseStream));
        }

        var listed = (await b.ListPartsAsync("crash", "resumed.bin", uploadId)).Parts ?? [];
        Assert.Equal(etags.Select(e => (e.PartNumber ?? 0, e.ETag)), listed.Select(p => (p.PartNumber ?? 0, p.ETag)));

        var last = await b.UploadPartAsync(new UploadPartRequest
        {
            BucketName = "crash", Key = "resumed.bin", UploadId = uploadId, PartNumber = 3, InputStream = new MemoryStream(parts[2]),
        });
        etags.Add(new PartETag(3, last.ETag));
        await b.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = "crash", Key = "resumed.bin", UploadId = uploadId, PartETags = etags });
        using (var whole = await b.GetObjectAsync("crash", "resumed.bin"))
        {
            Assert.Equal(MD5.HashData(parts.SelectMany(p => p).ToArray()), await MD5.HashDataAsync(whole.ResponseStream));
        }

        // Node A comes back and removes the temp file it left; nothing else is left in any node's temp directory.
        await _a.DisposeAsync();
        _a = await StartNodeAAsync();
        await DataDirectoryInspector.AssertTempEmptyAsync(_dataDirectory);
        using var again = _a.CreateClient();
        Assert.Equal(parts.Sum(p => (long)p.Length), (await again.GetObjectMetadataAsync("crash", "resumed.bin")).ContentLength);
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_metadata is not null)
        {
            TestPostgres.DropDatabase(_metadata);
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Node A as a child process (so it can be killed), with a start-up sweep that takes its own leftovers at once.</summary>
    private Task<CairnServerProcess> StartNodeAAsync()
    {
        var environment = TwoNodes.ProcessOptions(_metadata!, "node-a");
        environment["CAIRN__STARTUPSWEEPGRACE"] = "00:00:00";
        return CairnServerProcess.StartAsync(_dataDirectory, _b!.AccessKey, _b.SecretKey, environment);
    }

    private static async Task<HttpResponseMessage> SendStallingPartAsync(HttpClient http, CairnServerProcess node, string uploadId, StallingBody body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri(node.BaseAddress, $"/crash/resumed.bin?partNumber=3&uploadId={uploadId}"))
        {
            Content = new StreamContent(body),
        };
        request.Content.Headers.ContentLength = body.Length;
        new RawS3Signer(node.AccessKey, node.SecretKey).Sign(request, RawS3Signer.UnsignedPayload, null);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>PUTs and HEADs small objects until stopped, counting the round trips that succeeded.</summary>
    private static async Task WriteLoopAsync(AmazonS3Client client, StrongBox<int> written, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var key = $"during/{written.Value}";
            var data = DeterministicStream.Slice((ulong)(1000 + written.Value), 0, 4096);
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "crash", Key = key, InputStream = new MemoryStream(data) }, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, (await client.GetObjectMetadataAsync("crash", key)).HttpStatusCode);
            Interlocked.Increment(ref written.Value);
        }
    }

    /// <summary>A request body that sends its first bytes and then waits forever, like a client whose link went quiet.</summary>
    private sealed class StallingBody(byte[] data, int stallAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= stallAfter)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var count = Math.Min(buffer.Length, stallAfter - _position);
            data.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
