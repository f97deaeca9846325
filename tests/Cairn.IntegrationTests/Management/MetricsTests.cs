using System.Net;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using static Cairn.IntegrationTests.Management.ManagementClient;

namespace Cairn.IntegrationTests.Management;

/// <summary>
/// What an operator scraping <c>/metrics</c> on the management listener sees after S3 traffic: request counts by
/// operation and status, latency histograms, body bytes in and out, pending uploads, and the store's group-commit
/// batch sizes. Each test server has a registry of its own, so the counts are exactly this server's.
/// </summary>
public sealed class MetricsTests(MetricsTests.Server fixture) : IClassFixture<MetricsTests.Server>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private Uri Management => fixture.Host.ManagementAddress!;

    [Fact]
    public async Task After_S3_requests_metrics_show_them_by_operation_and_status_with_latency_and_bytes()
    {
        using var s3 = fixture.CreateClient();
        var before = await MetricsAsync(Management);
        await s3.PutBucketAsync("counted");
        var body = new byte[10_000];
        Random.Shared.NextBytes(body);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "counted", Key = "k", InputStream = new MemoryStream(body) });
        using (var get = await s3.GetObjectAsync("counted", "k"))
        {
            await get.ResponseStream.CopyToAsync(Stream.Null);
        }

        await Assert.ThrowsAnyAsync<Amazon.S3.AmazonS3Exception>(() => s3.GetObjectAsync("counted", "missing"));

        var after = await MetricsAsync(Management);
        double Added(string series) => (Sample(after, series) ?? 0) - (Sample(before, series) ?? 0);

        Assert.Equal(1, Added("cairn_requests_total{operation=\"CreateBucket\",status=\"200\"}"));
        Assert.Equal(1, Added("cairn_requests_total{operation=\"PutObject\",status=\"200\"}"));
        Assert.Equal(1, Added("cairn_requests_total{operation=\"GetObject\",status=\"200\"}"));
        Assert.Equal(1, Added("cairn_requests_total{operation=\"GetObject\",status=\"404\"}"));
        Assert.Equal(2, Added("cairn_request_duration_seconds_count{operation=\"GetObject\"}"));
        Assert.Equal(1, Added("cairn_request_duration_seconds_bucket{operation=\"PutObject\",le=\"+Inf\"}"));
        Assert.True(Added("cairn_request_duration_seconds_sum{operation=\"PutObject\"}") > 0);
        // The body went in once (plus the SDK's chunk framing) and came out once (plus the error document).
        Assert.InRange(Added("cairn_bytes_received_total"), body.Length, body.Length + 2_000);
        Assert.InRange(Added("cairn_bytes_sent_total"), body.Length + 1, body.Length + 2_000);
        Assert.All(LabelSets(after, "cairn_requests_total"), labels => Assert.Matches("^operation=\"[A-Za-z]+\",status=\"([0-9]{3}|aborted)\"$", labels));
    }

    [Fact]
    public async Task Uploads_in_progress_and_group_commit_batch_sizes_are_exported()
    {
        using var s3 = fixture.CreateClient();
        await s3.PutBucketAsync("uploads");
        var upload = await s3.InitiateMultipartUploadAsync("uploads", "big");

        var metrics = await MetricsWhenAsync(Management, m => Sample(m, "cairn_multipart_uploads_in_progress") >= 1, Patience);
        Assert.NotNull(Sample(metrics, "cairn_gc_queued_blobs"));
        Assert.True(Sample(metrics, "cairn_storage_group_commit_batch_size_count") >= 2, metrics);
        Assert.True(Sample(metrics, "cairn_storage_group_commit_batch_size_bucket{le=\"+Inf\"}") >= 2, metrics);

        await s3.AbortMultipartUploadAsync("uploads", "big", upload.UploadId);
        await MetricsWhenAsync(Management, m => Sample(m, "cairn_multipart_uploads_in_progress") == 0, Patience);
    }

    [Fact]
    public async Task Buckets_named_health_and_metrics_are_S3_buckets_and_the_S3_port_serves_no_management_path()
    {
        using var s3 = fixture.CreateClient();
        foreach (var name in new[] { "health", "metrics" })
        {
            await s3.PutBucketAsync(name);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = name, Key = "live", ContentBody = name });
            using var get = await s3.GetObjectAsync(name, "live");
            using var reader = new StreamReader(get.ResponseStream);
            Assert.Equal(name, await reader.ReadToEndAsync());
        }

        // Unsigned GETs of the management paths on the S3 port are S3 requests (anonymous, so refused), never metrics.
        var (status, body) = await GetAsync(fixture.BaseAddress, "/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("cairn_requests_total", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(fixture.BaseAddress, "/health/live")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(Management, "/health/live")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(Management, "/health")).Status);
    }

    /// <summary>
    /// One server for the class, on its own data directory, with the embedded database: the group-commit batch
    /// histogram is that store's.
    /// </summary>
    public sealed class Server : CairnServerFixture
    {
        protected override void Configure(CairnOptions options) => TestMetadata.Embedded(options);
    }
}
