using System.Diagnostics;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// A client that sends part of a body and then stalls with the connection open: after the idle timeout the
/// request fails with 400 RequestTimeout, the temp file it was writing is deleted and nothing is stored, instead
/// of the upload holding its slot and its temp file for as long as the client keeps the socket.
/// </summary>
public sealed class StalledUploadTests : SdkTestBase, IClassFixture<ShortBodyIdleTimeoutServerFixture>
{
    private const int Announced = 1_000_000;
    private const int Sent = 100_000;

    /// <summary>The idle timeout plus generous slack; without the timeout no answer ever comes.</summary>
    private static readonly TimeSpan AnswerDeadline = ShortBodyIdleTimeoutServerFixture.IdleTimeout + TimeSpan.FromSeconds(9);

    public StalledUploadTests(ShortBodyIdleTimeoutServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task PutObject_BodyStallsMidway_FailsWithRequestTimeoutAndLeavesNoTempFile()
    {
        var bucket = await CreateBucketAsync("stall-put");

        await AssertStalledUploadFailsCleanlyAsync(RawS3Client.ObjectPath(bucket, "stalled"));

        Assert.False(await ExistsAsync(bucket, "stalled"));
    }

    [Fact]
    public async Task UploadPart_BodyStallsMidway_FailsWithRequestTimeoutAndLeavesNoTempFile()
    {
        var bucket = await CreateBucketAsync("stall-part");
        var uploadId = (await S3.InitiateMultipartUploadAsync(bucket, "stalled")).UploadId;

        await AssertStalledUploadFailsCleanlyAsync(RawS3Client.ObjectPath(bucket, "stalled") + "?partNumber=1&uploadId=" + uploadId);

        var parts = await S3.ListPartsAsync(bucket, "stalled", uploadId);
        Assert.Empty(parts.Parts ?? []);
    }

    /// <summary>Sends a PUT announcing <see cref="Announced"/> bytes, sends <see cref="Sent"/>, then waits with the socket open.</summary>
    private async Task AssertStalledUploadFailsCleanlyAsync(string pathAndQuery)
    {
        await using var connection = await RawHttpConnection.OpenAsync(Fixture.BaseAddress);
        await connection.WriteAsync(RawHttpConnection.SignedHead(Raw.Signer, "PUT", Raw.Url(pathAndQuery), contentLength: Announced));
        await connection.WriteAsync(DeterministicStream.Slice(5, 0, Sent));
        var stalled = Stopwatch.StartNew();
        Assert.True(await TempFileAppearsAsync(), "the upload never started writing a temp file");

        RawHttpResponse response;
        try
        {
            response = await connection.ReadResponseAsync(timeout: AnswerDeadline);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No answer {AnswerDeadline.TotalSeconds:0} s after the body stalled.");
        }

        Assert.True(response.Status == 400 && response.ErrorCode() == "RequestTimeout", response.ToString());
        Assert.True(stalled.Elapsed >= ShortBodyIdleTimeoutServerFixture.IdleTimeout - TimeSpan.FromMilliseconds(100), $"answered after {stalled.Elapsed}, before the idle timeout");
        Assert.True(response.ClosesConnection, "the connection stays open with the rest of the body unread: " + response);

        // Checked while the client still holds the connection open: the failure itself releases the temp file.
        var left = await DataDirectoryInspector.WaitForEmptyTempAsync(Fixture.DataDirectory, TimeSpan.FromSeconds(5));
        Assert.True(left.Count == 0, "temp files left after the stalled upload failed: " + string.Join(", ", left.Select(Path.GetFileName)));
    }

    /// <summary>Whether the upload in progress starts writing its temp file before the idle timeout could end it.</summary>
    private Task<bool> TempFileAppearsAsync() =>
        Eventually.WaitAsync(() => DataDirectoryInspector.TempFiles(Fixture.DataDirectory).Count > 0, ShortBodyIdleTimeoutServerFixture.IdleTimeout);
}
