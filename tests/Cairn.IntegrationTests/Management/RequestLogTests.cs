using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Cairn.IntegrationTests.Management;

/// <summary>
/// The per-request log line: one at Information for each S3 request, with what an operator needs to find it
/// again, under the Cairn.Requests category that standard logging configuration switches off.
/// </summary>
public sealed class RequestLogTests
{
    private const string Category = "Cairn.Requests";

    [Fact]
    public async Task Each_S3_request_writes_one_line_with_operation_bucket_status_duration_bytes_and_request_id()
    {
        var capture = new LogCapture();
        await using var server = await StartAsync(logging => logging.AddProvider(capture));
        using var s3 = CairnServerFixture.CreateClient(server.Host);

        await s3.PutBucketAsync("logged");
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = "logged", Key = "some/key", ContentBody = "twelve bytes" });

        var lines = await LinesAsync(capture, 2);
        Assert.All(lines, line => Assert.Equal(LogLevel.Information, line.Level));
        Assert.StartsWith("CreateBucket bucket=logged keyLength=0 status=200 durationMs=", lines[0].Message, StringComparison.Ordinal);
        Assert.Matches(
            "^PutObject bucket=logged keyLength=8 status=200 durationMs=[0-9.]+ bytesIn=[1-9][0-9]* bytesOut=0 requestId=" + put.ResponseMetadata.RequestId + "$",
            lines[1].Message);
    }

    [Fact]
    public async Task Logging_LogLevel_Cairn_Requests_Warning_switches_the_lines_off()
    {
        var capture = new LogCapture();
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["LogLevel:" + Category] = "Warning" })
            .Build();
        await using var server = await StartAsync(logging =>
        {
            logging.AddProvider(capture);
            logging.AddConfiguration(settings);
        });
        using var s3 = CairnServerFixture.CreateClient(server.Host);

        await s3.PutBucketAsync("quiet");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "quiet", Key = "k", ContentBody = "x" });
        await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "quiet" });

        Assert.Empty(capture.MessagesOf(Category));
    }

    /// <summary>Lines are written as requests end, possibly a moment after the client has its answer.</summary>
    private static async Task<IReadOnlyList<(string Category, LogLevel Level, string Message)>> LinesAsync(LogCapture capture, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var lines = capture.Lines.Where(line => line.Category == Category).ToList();
            if (lines.Count >= count)
            {
                Assert.Equal(count, lines.Count);
                return lines;
            }

            Assert.True(DateTime.UtcNow < deadline, $"expected {count} request lines, got {lines.Count}");
            await Task.Delay(20);
        }
    }

    private static async Task<TestServer> StartAsync(Action<ILoggingBuilder> logging)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cairn-log-" + Guid.NewGuid().ToString("N")[..12]);
        var options = CairnServerFixture.TestOptions(directory);
        options.ConfigureLogging = logging;
        return new TestServer(await CairnHost.StartAsync(options), directory);
    }

    private sealed record TestServer(CairnHost Host, string Directory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
