using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Cairn.Tests.Shared;
using Npgsql;

namespace Cairn.IntegrationTests.MultiNode;

/// <summary>
/// PostgreSQL restarted under load, as an operator might (README "Running several nodes"): while the database is away
/// every request that needs it fails cleanly with 503 SlowDown — never a 500, never a cut connection — and once it is
/// back the same Cairn process serves again, with every acknowledged object intact and nothing leaked.
/// </summary>
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    private const int ObjectSize = 100 * 1024; // above the inline limit: every object is a blob file

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "cairn-pg-restart-" + Guid.NewGuid().ToString("N")[..12]);
    private PostgresCluster? _cluster;
    private CairnHost? _host;

    public Task InitializeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Requests_answer_503_SlowDown_while_the_database_is_away_and_succeed_again_once_it_is_back()
    {
        _cluster = PostgresCluster.Start();
        var metadata = CreateDatabase(_cluster);
        var options = CairnServerFixture.TestOptions(_dataDirectory);
        options.Metadata.ConnectionString = metadata;
        _host = await CairnHost.StartAsync(options);
        using var client = CairnServerFixture.CreateClient(_host, config =>
        {
            config.MaxErrorRetry = 0;
            config.Timeout = TimeSpan.FromSeconds(60);
        });
        await client.PutBucketAsync("restart");

        var acknowledged = new ConcurrentDictionary<string, byte[]>();
        var failures = new ConcurrentQueue<string>();
        var successes = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"w{worker}/{i}";
                var data = DeterministicStream.Slice((ulong)(worker * 100_000 + i), 0, ObjectSize);
                try
                {
                    await client.PutObjectAsync(new PutObjectRequest { BucketName = "restart", Key = key, InputStream = new MemoryStream(data) });
                    acknowledged[key] = data;
                    using var got = await client.GetObjectAsync("restart", key);
                    Assert.Equal(MD5.HashData(data), await MD5.HashDataAsync(got.ResponseStream));
                    Interlocked.Increment(ref successes);
                }
                catch (AmazonS3Exception e)
                {
                    failures.Enqueue($"{(int)e.StatusCode} {e.ErrorCode}");
                }
            }
        })).ToArray();

        Assert.True(await Eventually.WaitAsync(() => Volatile.Read(ref successes) >= 20, TimeSpan.FromSeconds(60)), "no load before the restart");
        _cluster.Stop();
        Assert.True(await Eventually.WaitAsync(() => failures.Count >= 8, TimeSpan.FromSeconds(60)), "requests kept succeeding with the database stopped");
        var readiness = await ReadyStatusAsync(_host);
        _cluster.StartAgain();
        var atRestart = Volatile.Read(ref successes);
        Assert.True(await Eventually.WaitAsync(() => Volatile.Read(ref successes) >= atRestart + 20, TimeSpan.FromSeconds(60)),
            $"service did not resume after the database came back; failures since: {string.Join(", ", failures.TakeLast(5))}");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.All(failures, failure => Assert.Equal("503 SlowDown", failure));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness);
        foreach (var (key, data) in acknowledged)
        {
            using var got = await client.GetObjectAsync("restart", key);
            Assert.Equal(MD5.HashData(data), await MD5.HashDataAsync(got.ResponseStream));
        }

        // Nothing leaked by the requests that failed: with every object deleted, no blob and no temp file is left.
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "restart" });
        Assert.True(listed.KeyCount >= acknowledged.Count);
        foreach (var key in (await ListAllKeysAsync(client)).ToList())
        {
            await client.DeleteObjectAsync("restart", key);
        }

        await _host.CollectGarbageAsync();
        Assert.Empty(DataDirectoryInspector.BlobFiles(_dataDirectory));
        await DataDirectoryInspector.AssertTempEmptyAsync(_dataDirectory);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _cluster?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string CreateDatabase(PostgresCluster cluster)
    {
        using (var connection = new NpgsqlConnection(cluster.AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand("CREATE DATABASE cairn", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString) { Database = "cairn", Timeout = 5 }.ConnectionString;
    }

    private static async Task<HttpStatusCode> ReadyStatusAsync(CairnHost host)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(host.ManagementAddress!, "/health/ready"));
        return response.StatusCode;
    }

    private static async Task<List<string>> ListAllKeysAsync(AmazonS3Client client)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "restart", ContinuationToken = token });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }
}
