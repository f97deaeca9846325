using System.Text.Json;
using Xunit.Abstractions;
using static Cairn.IntegrationTests.Clients.AliOss.AliOssAssert;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// Alibaba's ali-oss client, unmodified, through an object's whole life against Cairn: put, head, get, copy, list
/// and listV2, object ACLs, delete; with long-term and temporary (STS) keys, V1 and V4 signatures, virtual-hosted
/// and path-style addressing. Every CRC-64 the server announces is checked against the bytes.
/// </summary>
public sealed class AliOssObjectTests(AliOssServerFixture server, ITestOutputHelper output)
    : IClassFixture<AliOssServerFixture>, IDisposable
{
    private readonly AliOssScript _oss = new(output);

    [SkippableTheory]
    [InlineData(false, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, true, true)]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    public async Task An_object_is_put_read_copied_listed_shared_and_deleted_with_matching_ETags_and_CRC64(
        bool temporaryCredentials, bool v4, bool pathStyle)
    {
        var bucket = await server.CreateBucketAsync();
        var connection = await AliOssConnection.ForAsync(server, bucket, temporaryCredentials, v4, pathStyle);
        var file = await _oss.CreateFileAsync("photo.bin", 300 * 1024, seed: 13);

        var result = await _oss.RunAsync(connection, "objects", file, "album/");

        var local = result.GetProperty("local");
        var etag = ETagOf(local);
        var crc64 = Text(local, "crc64");
        Assert.Matches("^\"[0-9A-F]{32}\"$", etag);

        var put = Ok(result, "put");
        Assert.Equal(200, put.GetProperty("status").GetInt32());
        Assert.Equal(etag, Text(put, "etag"));
        Assert.Equal(crc64, Text(put, "crc64"));
        Assert.False(string.IsNullOrEmpty(Text(put, "requestId")));

        var head = Ok(result, "head");
        Assert.Equal(etag, Text(head, "etag"));
        Assert.Equal(300 * 1024, head.GetProperty("size").GetInt64());
        Assert.Equal(crc64, Text(head, "crc64"));
        Assert.Equal("application/octet-stream", Text(head, "contentType"));
        Assert.Equal("blue", Text(head.GetProperty("meta"), "color"));
        Assert.Equal("qa", Text(head.GetProperty("meta"), "owner"));

        var get = Ok(result, "get");
        Assert.Equal(etag, Text(get, "etag"));
        Assert.Equal(crc64, Text(get, "crc64"));
        Assert.Equal(Text(local, "md5"), Text(get.GetProperty("body"), "md5"));
        Assert.Equal(crc64, Text(get.GetProperty("body"), "crc64"));

        var copy = Ok(result, "copy");
        Assert.Equal(200, copy.GetProperty("status").GetInt32());
        Assert.Equal(etag, Text(copy, "dataEtag"));
        var copyHead = Ok(result, "copyHead");
        Assert.Equal(etag, Text(copyHead, "etag"));
        Assert.Equal(crc64, Text(copyHead, "crc64"));
        Assert.Equal("blue", Text(copyHead.GetProperty("meta"), "color"));

        var listed = Ok(result, "list").GetProperty("objects").EnumerateArray()
            .Select(o => $"{Text(o, "name")} {Text(o, "etag")} {o.GetProperty("size").GetInt64()}").ToList();
        Assert.Equal([$"album/copy/photo.bin {etag} {300 * 1024}", $"album/photo.bin {etag} {300 * 1024}"], listed);
        var byFolder = Ok(result, "listByFolder");
        Assert.Equal(["album/photo.bin"], Strings(byFolder, "objects"));
        Assert.Equal(["album/copy/"], Strings(byFolder, "prefixes"));

        var pages = result.GetProperty("listV2").EnumerateArray().Select(Ok).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Equal(["album/copy/photo.bin"], Strings(pages[0], "names"));
        Assert.True(pages[0].GetProperty("isTruncated").GetBoolean());
        Assert.Equal(["album/photo.bin"], Strings(pages[1], "names"));
        Assert.False(pages[1].GetProperty("isTruncated").GetBoolean());
        Assert.Equal(1, pages[1].GetProperty("keyCount").GetInt32());

        Assert.Equal(200, Ok(result, "aclPublic").GetProperty("status").GetInt32());
        Assert.Equal("public-read", Text(Ok(result, "aclAfterPublic"), "acl"));
        Assert.Equal(200, Ok(result, "aclPrivate").GetProperty("status").GetInt32());
        Assert.Equal("private", Text(Ok(result, "aclAfterPrivate"), "acl"));

        Assert.Equal(204, Ok(result, "deleteCopy").GetProperty("status").GetInt32());
        Assert.Equal(204, Ok(result, "deleted").GetProperty("status").GetInt32());
        Refused(result.GetProperty("headAfterDelete"), 404, "NoSuchKey");
        Assert.Empty(Strings(Ok(result, "listAfterDelete"), "objects"));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Signed_URLs_from_ali_oss_work_with_plain_HTTP_until_they_expire(bool temporaryCredentials)
    {
        var bucket = await server.CreateBucketAsync();
        var connection = await AliOssConnection.ForAsync(server, bucket, temporaryCredentials, pathStyle: true);
        var file = await _oss.CreateFileAsync("shared.bin", 200 * 1024, seed: 17);

        var result = await _oss.RunAsync(connection, "signed-urls", file, "shared/");

        var local = result.GetProperty("local");
        foreach (var name in new[] { "v1Put", "v4Put" })
        {
            var put = result.GetProperty(name);
            Answered(put, 200, null);
            Assert.Equal(ETagOf(local), Text(put, "etag"));
            Assert.Equal(Text(local, "crc64"), Text(put, "crc64"));
        }

        foreach (var name in new[] { "v1Get", "v4Get" })
        {
            var get = result.GetProperty(name);
            Answered(get, 200, null);
            Assert.Equal(Text(local, "md5"), Text(get.GetProperty("body"), "md5"));
            Assert.Equal(Text(local, "crc64"), Text(get, "crc64"));
        }

        Assert.Contains("OSSAccessKeyId=", Text(result.GetProperty("v1Get"), "url"), StringComparison.Ordinal);
        Assert.Contains("x-oss-signature-version=OSS4-HMAC-SHA256", Text(result.GetProperty("v4Get"), "url"), StringComparison.Ordinal);
        Answered(result.GetProperty("expiredPut"), 403, "AccessDenied");
        Answered(result.GetProperty("expiredGet"), 403, "AccessDenied");
        Refused(result.GetProperty("afterExpiredPut"), 404, "NoSuchKey");
    }

    [SkippableFact]
    public async Task Refused_requests_answer_OSS_error_codes_and_store_nothing()
    {
        var bucket = await server.CreateBucketAsync();
        var connection = await AliOssConnection.ForAsync(server, bucket);

        var result = await _oss.RunAsync(connection, "bad-requests", "refused/");

        Refused(result.GetProperty("v1WrongSecret"), 403, "SignatureDoesNotMatch");
        Refused(result.GetProperty("v4WrongSecret"), 403, "SignatureDoesNotMatch");
        Assert.Equal(1024, result.GetProperty("longNameBytes").GetInt32());
        Refused(result.GetProperty("nameTooLong"), 400, "InvalidObjectName");
        Assert.Empty(Strings(Ok(result, "stored"), "objects"));
    }

    public void Dispose() => _oss.Dispose();
}
