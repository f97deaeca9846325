using System.Globalization;
using Cairn.IntegrationTests.Management;
using Xunit.Abstractions;
using static Cairn.IntegrationTests.Clients.AliOss.AliOssAssert;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// ali-oss's resumable multipartUpload against Cairn: a 50 MiB upload interrupted after some parts and resumed
/// from its checkpoint object in another process sends only the missing parts and completes to the right bytes
/// and CRC-64; and an upload abandoned with abortMultipartUpload is gone from the listings.
/// </summary>
public sealed class AliOssMultipartTests(AliOssServerFixture server, ITestOutputHelper output)
    : IClassFixture<AliOssServerFixture>, IDisposable
{
    private const long FileSize = 50L * 1024 * 1024;
    private const int PartSize = 5 * 1024 * 1024;
    private const int PartCount = 10;
    private const int PartsBeforeInterruption = 4;
    private const string UploadPartSeries = "cairn_requests_total{operation=\"UploadPart\",status=\"200\"}";

    private readonly AliOssScript _oss = new(output);

    [SkippableTheory]
    [InlineData(false, false, false)]
    [InlineData(true, true, true)]
    public async Task An_interrupted_multipartUpload_resumes_from_its_checkpoint_without_sending_its_parts_again(
        bool temporaryCredentials, bool v4, bool pathStyle)
    {
        var bucket = await server.CreateBucketAsync();
        var connection = await AliOssConnection.ForAsync(server, bucket, temporaryCredentials, v4, pathStyle);
        var file = await _oss.CreateFileAsync("video.bin", FileSize, seed: 50);
        var checkpoint = Path.Combine(_oss.Root, "checkpoint.json");
        var partsAtStart = await UploadPartsAnsweredAsync(0);

        var first = await _oss.RunAsync(connection, "multipart-start", file, "videos/video.bin", checkpoint,
            PartSize.ToString(CultureInfo.InvariantCulture), PartsBeforeInterruption.ToString(CultureInfo.InvariantCulture));

        Assert.Equal("cancelled", Text(first, "outcome"));
        Assert.Equal([1, 2, 3, 4], Numbers(first, "doneParts"));
        var partsAfterFirstRun = await UploadPartsAnsweredAsync(partsAtStart + PartsBeforeInterruption);
        Assert.Equal(PartsBeforeInterruption, partsAfterFirstRun - partsAtStart);

        var resumed = await _oss.RunAsync(connection, "multipart-resume", checkpoint);

        Assert.Equal(PartCount, resumed.GetProperty("partCount").GetInt32());
        Assert.Equal([1, 2, 3, 4], Numbers(resumed, "doneBefore"));
        Assert.Equal([5, 6, 7, 8, 9, 10], Numbers(resumed, "sent"));
        var partsAfterResume = await UploadPartsAnsweredAsync(partsAfterFirstRun + PartCount - PartsBeforeInterruption);
        Assert.Equal(PartCount - PartsBeforeInterruption, partsAfterResume - partsAfterFirstRun);

        var local = resumed.GetProperty("local");
        Assert.Equal(FileSize, local.GetProperty("size").GetInt64());
        var complete = resumed.GetProperty("complete");
        Assert.Equal(200, complete.GetProperty("status").GetInt32());
        Assert.Matches("^\"[0-9A-F]{32}-10\"$", Text(complete, "etag"));
        Assert.Equal(Text(local, "crc64"), Text(complete, "crc64"));

        var head = Ok(resumed, "head");
        Assert.Equal(FileSize, head.GetProperty("size").GetInt64());
        Assert.Equal(Text(complete, "etag"), Text(head, "etag"));
        Assert.Equal(Text(local, "crc64"), Text(head, "crc64"));

        var downloaded = Ok(resumed, "downloaded");
        Assert.Equal(Text(local, "crc64"), Text(downloaded, "crc64"));
        var body = downloaded.GetProperty("body");
        Assert.Equal(FileSize, body.GetProperty("size").GetInt64());
        Assert.Equal(Text(local, "md5"), Text(body, "md5"));
        Assert.Equal(Text(local, "crc64"), Text(body, "crc64"));
    }

    [SkippableFact]
    public async Task An_aborted_upload_disappears_from_listUploads_and_listParts()
    {
        var bucket = await server.CreateBucketAsync();
        var connection = await AliOssConnection.ForAsync(server, bucket);
        var file = await _oss.CreateFileAsync("draft.bin", 256 * 1024, seed: 5);

        var result = await _oss.RunAsync(connection, "multipart-abort", file, "drafts/draft.bin");

        var uploadId = Text(result, "uploadId");
        Assert.False(string.IsNullOrEmpty(uploadId));
        var partLocal = result.GetProperty("partLocal");
        var part = Ok(result, "part");
        Assert.Equal(ETagOf(partLocal), Text(part, "etag"));
        Assert.Equal(Text(partLocal, "crc64"), Text(part, "crc64"));

        var upload = Assert.Single(Ok(result, "uploadsBefore").GetProperty("uploads").EnumerateArray());
        Assert.Equal("drafts/draft.bin", Text(upload, "name"));
        Assert.Equal(uploadId, Text(upload, "uploadId"));
        var listedPart = Assert.Single(Ok(result, "partsBefore").GetProperty("parts").EnumerateArray());
        Assert.Equal(1, listedPart.GetProperty("number").GetInt32());
        Assert.Equal(128 * 1024, listedPart.GetProperty("size").GetInt32());
        Assert.Equal(ETagOf(partLocal), Text(listedPart, "etag"));
        Assert.Equal(Text(partLocal, "crc64"), Text(listedPart, "crc64"));

        Assert.Equal(204, Ok(result, "abort").GetProperty("status").GetInt32());
        Assert.Empty(Ok(result, "uploadsAfter").GetProperty("uploads").EnumerateArray());
        Refused(result.GetProperty("partsAfter"), 404, "NoSuchUpload");
    }

    public void Dispose() => _oss.Dispose();

    /// <summary>
    /// UploadPart requests the server answered 200, once it has counted at least <paramref name="expected"/> (a request
    /// is counted as its answer ends, a moment after the client has read it).
    /// </summary>
    private async Task<int> UploadPartsAnsweredAsync(int expected)
    {
        var address = server.Host.ManagementAddress!;
        var metrics = await ManagementClient.MetricsWhenAsync(
            address, text => (ManagementClient.Sample(text, UploadPartSeries) ?? 0) >= expected, TimeSpan.FromSeconds(10));
        return (int)(ManagementClient.Sample(metrics, UploadPartSeries) ?? 0);
    }
}
