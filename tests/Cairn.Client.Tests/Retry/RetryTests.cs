using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Cairn.Client.Retry;
using RetryPolicy = Cairn.Client.Retry.RetryPolicy;

namespace Cairn.Client.Tests.Retry;

public class RetryTests
{
    [Fact]
    public void DelayAfter_GrowsExponentiallyWithJitterAndCap()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };
        var random = new Random(7);
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var ceiling = Math.Min(100 * Math.Pow(2, attempt - 1), 1000);
            var delay = policy.DelayAfter(attempt, random).TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void TransientErrors_AreNetworkFailures5xxAndThrottling()
    {
        Assert.True(TransientErrors.IsTransient(new HttpRequestException("reset", new SocketException()), default));
        Assert.True(TransientErrors.IsTransient(new IOException("broken pipe"), default));
        Assert.True(TransientErrors.IsTransient(new AmazonS3Exception("slow down") { StatusCode = HttpStatusCode.ServiceUnavailable, ErrorCode = "SlowDown" }, default));
        Assert.True(TransientErrors.IsTransient(new AmazonS3Exception("boom") { StatusCode = HttpStatusCode.InternalServerError }, default));
        Assert.True(TransientErrors.IsTransient(new AmazonServiceException("wrapped", new IOException("reset")), default));
        Assert.True(TransientErrors.IsTransient(new TaskCanceledException("HttpClient timeout"), default));
        Assert.False(TransientErrors.IsTransient(new AmazonS3Exception("denied") { StatusCode = HttpStatusCode.Forbidden, ErrorCode = "AccessDenied" }, default));
        Assert.False(TransientErrors.IsTransient(new AmazonS3Exception("gone") { StatusCode = HttpStatusCode.NotFound, ErrorCode = "NoSuchUpload" }, default));
        Assert.False(TransientErrors.IsTransient(new IOException("reset"), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void TransientErrors_ExcludeServerErrorsThatSayTheyWillNotPass()
    {
        Assert.False(TransientErrors.IsTransient(new AmazonS3Exception("full") { StatusCode = HttpStatusCode.InsufficientStorage, ErrorCode = "InsufficientStorage" }, default));
        Assert.False(TransientErrors.IsTransient(new AmazonS3Exception("no SSE") { StatusCode = HttpStatusCode.NotImplemented, ErrorCode = "NotImplemented" }, default));
    }

    [Fact]
    public async Task Retrier_RetriesTransientFailuresThenSucceeds()
    {
        var events = new List<RetryEvent>();
        var retrier = new Retrier(new RetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(1) }, events.Add);
        var calls = 0;
        var result = await retrier.RunAsync("op", (attempt, _) =>
        {
            calls++;
            return attempt < 3 ? throw new IOException("cut") : Task.FromResult(42);
        }, CancellationToken.None);
        Assert.Equal(42, result);
        Assert.Equal(3, calls);
        Assert.Equal(2, retrier.Retries);
        Assert.Equal([1, 2], events.Select(e => e.Attempt));
    }

    [Fact]
    public async Task Retrier_GivesUpAfterMaxAttemptsAndNeverRetriesPermanentErrors()
    {
        var retrier = new Retrier(new RetryPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1) });
        var calls = 0;
        await Assert.ThrowsAsync<IOException>(() => retrier.RunAsync<int>("op", (_, _) => { calls++; throw new IOException("cut"); }, CancellationToken.None));
        Assert.Equal(3, calls);

        calls = 0;
        await Assert.ThrowsAsync<AmazonS3Exception>(() => retrier.RunAsync<int>("op", (_, _) =>
        {
            calls++;
            throw new AmazonS3Exception("denied") { StatusCode = HttpStatusCode.Forbidden };
        }, CancellationToken.None));
        Assert.Equal(1, calls);
    }
}
