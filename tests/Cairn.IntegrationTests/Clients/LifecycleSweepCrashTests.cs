using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Iam;
using Cairn.Tests.Shared;
using Xunit.Abstractions;
using static Cairn.IntegrationTests.Management.ManagementClient;

namespace Cairn.IntegrationTests.Clients;

/// <summary>
/// A lifecycle sweep killed with SIGKILL in its middle: Cairn runs as a child process with small sweep batches,
/// 5,000 objects fall due at once, and the process is killed as soon as <c>/metrics</c> shows the sweep has expired
/// some of them. Restarted on the same data directory, it finishes the sweep: every due object is gone, every other
/// object reads back whole, and the store verifier finds no row whose blob is missing and no orphan blob.
/// </summary>
public sealed class LifecycleSweepCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Due = 5000;
    private const int Kept = 50;
    private const string Bucket = "lifecycle-crash";
    private const string AccessKey = "cairn-lifecycle-root";
    private const string SecretKey = "cairn-lifecycle-secret-0123456789";
    private const string Expired = "cairn_lifecycle_done_total{action=\"expired\"}";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-lifecycle-crash-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly int _managementPort = CairnServerProcess.FreePort();
    private CairnServerProcess? _server;

    private Uri Management => new($"http://127.0.0.1:{_managementPort}/");

    [Fact]
    public async Task A_sweep_killed_midway_finishes_after_a_restart_with_nothing_half_deleted()
    {
        _server = await StartServerAsync();
        using (var s3 = _server.CreateClient())
        {
            await s3.PutBucketAsync(Bucket);
            await PutObjectsAsync(s3);

            // Every object written before this date is due at once.
            await s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
            {
                BucketName = Bucket,
                Configuration = new LifecycleConfiguration
                {
                    Rules =
                    [
                        new LifecycleRule
                        {
                            Id = "expire-tmp",
                            Status = LifecycleRuleStatus.Enabled,
                            Filter = new LifecycleFilter { LifecycleFilterPredicate = new LifecyclePrefixPredicate { Prefix = "tmp/" } },
                            Expiration = new LifecycleRuleExpiration { Date = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
                        },
                    ],
                },
            });
        }

        var started = await MetricsWhenAsync(Management, m => Sample(m, Expired) >= 1, Patience);
        _server.Kill();
        var expiredBeforeKill = Sample(started, Expired);
        output.WriteLine($"killed after /metrics showed {expiredBeforeKill} expired");
        Assert.True(expiredBeforeKill < Due, $"The sweep had already expired all {Due} objects when it was seen.");

        await _server.DisposeAsync();
        _server = await StartServerAsync();
        using (var s3 = _server.CreateClient())
        {
            Assert.True(
                await Eventually.WaitAsync(async () => await CountAsync(s3, "tmp/") == 0, Patience),
                $"Objects under tmp/ were left {Patience.TotalSeconds:0} s after the restart:\n{_server.Output}");
            for (var i = 0; i < Kept; i++)
            {
                using var kept = await s3.GetObjectAsync(Bucket, KeptKey(i));
                using var content = new MemoryStream();
                await kept.ResponseStream.CopyToAsync(content);
                Assert.Equal(Body(i), content.ToArray());
            }
        }

        var metrics = await MetricsWhenAsync(Management, m => Sample(m, "cairn_lifecycle_sweeps_total") >= 1, Patience);
        Assert.InRange(Sample(metrics, Expired) ?? 0, 1, Due);

        using var admin = new RawIamClient(_server.BaseAddress, AccessKey, SecretKey);
        var report = (await admin.CallAsync("VerifyStore")).Result("VerifyStore");
        Assert.True(Count(report, "FaultsRemaining") == 0, $"The store verifier found faults:\n{report}");
        Assert.Equal(0, Count(report.Element(RawIamClient.Ns + "MissingBlobs")!, "Found"));
        Assert.Equal(0, Count(report.Element(RawIamClient.Ns + "OrphanBlobs")!, "Found"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Small batches, so the sweep of 5,000 objects takes many passes; objects never stored inline, so each has a blob
    /// file the sweep must free; the management listener on a port known before the start, so it is the same after
    /// the restart.
    /// </summary>
    private Task<CairnServerProcess> StartServerAsync() => CairnServerProcess.StartAsync(_dataDirectory, AccessKey, SecretKey, new Dictionary<string, string>
    {
        ["CAIRN__Lifecycle__Interval"] = "00:00:01",
        ["CAIRN__Lifecycle__Batch"] = "20",
        ["CAIRN__Limits__InlineObjectMaxSize"] = "0",
        ["CAIRN__ManagementUrls"] = $"http://127.0.0.1:{_managementPort}",
    });

    private static async Task PutObjectsAsync(AmazonS3Client s3)
    {
        var writes = Enumerable.Range(0, Due).Select(i => (Key: $"tmp/{i:D5}", Body: Body(i)))
            .Concat(Enumerable.Range(0, Kept).Select(i => (Key: KeptKey(i), Body: Body(i))));
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (write, token) =>
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = write.Key, InputStream = new MemoryStream(write.Body) }, token));
    }

    private static async Task<int> CountAsync(AmazonS3Client s3, string prefix)
    {
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, MaxKeys = 1000 });
        return listed.KeyCount ?? 0;
    }

    private static string KeptKey(int i) => $"keep/{i:D3}";

    private static byte[] Body(int i) => ClientTestSupport.RandomBytes(100 + i % 50, seed: i);

    private static long Count(System.Xml.Linq.XElement parent, string name) =>
        long.Parse(parent.Element(RawIamClient.Ns + name)?.Value ?? "-1", CultureInfo.InvariantCulture);
}
