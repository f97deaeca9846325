using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using static Cairn.IntegrationTests.Oss.OssTestKit;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// Whole objects through the OSS dialect over real HTTP, on the same buckets as the S3 dialect: what an OSS client
/// sees (upper-case ETags, x-oss-meta-*, x-oss-hash-crc64ecma, OSS's documents) and what an S3 client reads back.
/// </summary>
public sealed class OssObjectTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private readonly RawOssClient _oss;

    public OssObjectTests(CairnServerFixture fixture)
        : base(fixture)
    {
        _oss = new RawOssClient(fixture);
    }

    [Fact]
    public void The_test_crc_is_crc64_xz()
    {
        // The check value of CRC-64/XZ.
        Assert.Equal(0x995DC9BBDF1939FAUL.ToString(System.Globalization.CultureInfo.InvariantCulture), Crc64("123456789"u8.ToArray()));
    }

    [Fact]
    public async Task An_object_put_through_S3_reads_through_OSS_with_the_same_etag_metadata_and_its_crc()
    {
        var bucket = await CreateBucketAsync("oss-cross");
        var body = Encoding.UTF8.GetBytes("written with the AWS SDK, read with OSS");
        var put = await PutAsync(bucket, "dir/a b.txt", body, r =>
        {
            r.ContentType = "text/plain";
            r.Metadata.Add("color", "blue");
        });

        using var get = await _oss.SendAsync(HttpMethod.Get, RawOssClient.ObjectPath(bucket, "dir/a b.txt"));
        using var head = await _oss.SendAsync(HttpMethod.Head, RawOssClient.ObjectPath(bucket, "dir/a b.txt"));

        foreach (var response in new[] { get, head })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var etag = response.Headers.ETag!.Tag;
            Assert.Equal(put.ETag.ToUpperInvariant(), etag);
            Assert.Equal(etag.ToUpperInvariant(), etag);
            Assert.Equal("blue", Header(response, "x-oss-meta-color"));
            Assert.Equal(Crc64(body), Header(response, "x-oss-hash-crc64ecma"));
            Assert.Equal("Normal", Header(response, "x-oss-object-type"));
            Assert.Equal("Standard", Header(response, "x-oss-storage-class"));
            Assert.Equal("text/plain", response.Content.Headers.ContentType!.ToString());
            Assert.NotNull(Header(response, "x-oss-request-id"));
            Assert.Null(Header(response, "x-amz-request-id"));
        }

        Assert.Equal(body, await get.Content.ReadAsByteArrayAsync());
        using var meta = await _oss.SendAsync(HttpMethod.Head, RawOssClient.ObjectPath(bucket, "dir/a b.txt") + "?objectMeta");
        Assert.Equal(HttpStatusCode.OK, meta.StatusCode);
        Assert.Equal(Crc64(body), Header(meta, "x-oss-hash-crc64ecma"));
        Assert.Equal(body.Length, meta.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task An_object_put_through_OSS_answers_its_etag_md5_and_crc_and_reads_back_through_S3()
    {
        var bucket = await CreateBucketAsync("oss-put");
        var body = Encoding.UTF8.GetBytes("written with OSS, read with the AWS SDK");

        using var put = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k.txt"), body, r =>
        {
            r.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain");
            r.Headers.TryAddWithoutValidation("x-oss-meta-Owner-Name", "ada");
            r.Headers.TryAddWithoutValidation("x-oss-storage-class", "Standard");
            r.Headers.TryAddWithoutValidation("x-oss-hash-crc64ecma", Crc64(body));
        });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var md5 = MD5.HashData(body);
        Assert.Equal("\"" + Convert.ToHexString(md5) + "\"", put.Headers.ETag!.Tag);
        Assert.Equal(Convert.ToBase64String(md5), Header(put, "Content-MD5"));
        Assert.Equal(Crc64(body), Header(put, "x-oss-hash-crc64ecma"));

        using var s3 = await S3.GetObjectAsync(bucket, "k.txt");
        Assert.Equal("\"" + Convert.ToHexStringLower(md5) + "\"", s3.ETag);
        Assert.Equal("ada", s3.Metadata["owner-name"]);
        Assert.Equal("text/plain", s3.Headers.ContentType);
        Assert.Equal(body, await GetBytesAsync(bucket, "k.txt"));
    }

    [Fact]
    public async Task A_chunked_upload_without_content_length_is_stored_whole()
    {
        var bucket = await CreateBucketAsync("oss-chunked");
        var body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("streamed ", 5000)));

        using var put = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "stream.txt"), null, r =>
        {
            r.Content = new StreamContent(new MemoryStream(body));
            r.Headers.TransferEncodingChunked = true;
        });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(Crc64(body), Header(put, "x-oss-hash-crc64ecma"));
        Assert.Equal(body, await GetBytesAsync(bucket, "stream.txt"));
    }

    [Fact]
    public async Task A_wrong_crc_claim_is_InvalidDigest_and_nothing_is_stored()
    {
        var bucket = await CreateBucketAsync("oss-crc");
        var body = Encoding.UTF8.GetBytes("the body");

        using var put = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k"), body,
            r => r.Headers.TryAddWithoutValidation("x-oss-hash-crc64ecma", Crc64(Encoding.UTF8.GetBytes("another body"))));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("InvalidDigest", (await DocumentAsync(put)).Element("Code")!.Value);
        Assert.False(await ExistsAsync(bucket, "k"));
    }

    [Fact]
    public async Task Forbid_overwrite_refuses_a_taken_key_with_FileAlreadyExists_and_keeps_the_object()
    {
        var bucket = await CreateBucketAsync("oss-forbid");
        await PutTextAsync(bucket, "k", "first");
        await PutTextAsync(bucket, "src", "source");

        using var put = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k"), "second"u8.ToArray(),
            r => r.Headers.TryAddWithoutValidation("x-oss-forbid-overwrite", "true"));
        using var copy = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k"), null, r =>
        {
            r.Headers.TryAddWithoutValidation("x-oss-copy-source", "/" + bucket + "/src");
            r.Headers.TryAddWithoutValidation("x-oss-forbid-overwrite", "true");
        });
        using var fresh = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "new"), "new"u8.ToArray(),
            r => r.Headers.TryAddWithoutValidation("x-oss-forbid-overwrite", "true"));

        foreach (var refused in new[] { put, copy })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var error = await DocumentAsync(refused);
            Assert.Equal("FileAlreadyExists", error.Element("Code")!.Value);
            Assert.Equal(error.Element("EC")!.Value, Header(refused, "x-oss-ec"));
        }

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("first", await GetTextAsync(bucket, "k"));
    }

    [Fact]
    public async Task Copy_keeps_or_replaces_the_metadata_and_answers_OSS_CopyObjectResult()
    {
        var bucket = await CreateBucketAsync("oss-copy");
        var body = Encoding.UTF8.GetBytes("copy me");
        await PutAsync(bucket, "a b/src+.txt", body, r => r.Metadata.Add("color", "blue"));

        using var kept = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "kept"), null,
            r => r.Headers.TryAddWithoutValidation("x-oss-copy-source", "/" + bucket + "/" + Uri.EscapeDataString("a b/src+.txt")));
        using var replaced = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "replaced"), null, r =>
        {
            r.Headers.TryAddWithoutValidation("x-oss-copy-source", "/" + bucket + "/" + Uri.EscapeDataString("a b/src+.txt"));
            r.Headers.TryAddWithoutValidation("x-oss-metadata-directive", "REPLACE");
            r.Headers.TryAddWithoutValidation("x-oss-meta-shape", "round");
        });

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var result = await DocumentAsync(kept);
        Assert.Equal("CopyObjectResult", result.Name.LocalName);
        Assert.Equal(string.Empty, result.Name.NamespaceName);
        Assert.Equal("\"" + Convert.ToHexString(MD5.HashData(body)) + "\"", result.Element("ETag")!.Value);
        Assert.Equal(Crc64(body), Header(kept, "x-oss-hash-crc64ecma"));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var keptMeta = await S3.GetObjectMetadataAsync(bucket, "kept");
        var replacedMeta = await S3.GetObjectMetadataAsync(bucket, "replaced");
        Assert.Equal("blue", keptMeta.Metadata["color"]);
        Assert.Equal("round", replacedMeta.Metadata["shape"]);
        Assert.DoesNotContain("x-amz-meta-color", replacedMeta.Metadata.Keys);
    }

    [Fact]
    public async Task Delete_answers_204_and_a_missing_key_is_NoSuchKey_in_the_body_or_in_x_oss_err()
    {
        var bucket = await CreateBucketAsync("oss-delete");
        await PutTextAsync(bucket, "k", "doomed");

        using var delete = await _oss.SendAsync(HttpMethod.Delete, RawOssClient.ObjectPath(bucket, "k"));
        using var get = await _oss.SendAsync(HttpMethod.Get, RawOssClient.ObjectPath(bucket, "k"));
        using var head = await _oss.SendAsync(HttpMethod.Head, RawOssClient.ObjectPath(bucket, "k"));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var error = await DocumentAsync(get);
        Assert.Equal("Error", error.Name.LocalName);
        Assert.Equal("NoSuchKey", error.Element("Code")!.Value);
        Assert.Equal("0026-00000001", error.Element("EC")!.Value);
        Assert.Equal(Header(get, "x-oss-request-id"), error.Element("RequestId")!.Value);

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        var fromHeader = XElement.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Header(head, "x-oss-err")!)));
        Assert.Equal("NoSuchKey", fromHeader.Element("Code")!.Value);
        Assert.Equal(Header(head, "x-oss-request-id"), fromHeader.Element("RequestId")!.Value);
    }

    [Fact]
    public async Task DeleteMultipleObjects_reads_OSS_Delete_and_answers_the_deleted_keys_url_encoded()
    {
        var bucket = await CreateBucketAsync("oss-multi");
        await PutTextAsync(bucket, "a b", "1");
        await PutTextAsync(bucket, "c", "2");
        var document = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete><Quiet>false</Quiet>"
            + "<Object><Key>a b</Key></Object><Object><Key>c</Key></Object></Delete>");

        using var response = await _oss.SendAsync(HttpMethod.Post, "/" + bucket + "?delete&encoding-type=url", document, r =>
        {
            r.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("application/xml");
            r.Content.Headers.ContentMD5 = MD5.HashData(document);
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await DocumentAsync(response);
        Assert.Equal("DeleteResult", result.Name.LocalName);
        Assert.Equal("url", result.Element("EncodingType")!.Value);
        Assert.Equal(["a%20b", "c"], result.Elements("Deleted").Select(d => d.Element("Key")!.Value).Order(StringComparer.Ordinal));
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Object_and_bucket_acls_are_set_by_header_and_read_back_as_OSS_canned_grants()
    {
        var bucket = await CreateBucketAsync("oss-acl");
        await PutTextAsync(bucket, "k", "shared");

        using var putAcl = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k") + "?acl", null,
            r => r.Headers.TryAddWithoutValidation("x-oss-object-acl", "public-read"));
        using var getAcl = await _oss.SendAsync(HttpMethod.Get, RawOssClient.ObjectPath(bucket, "k") + "?acl");
        using var anonymousRequest = new HttpRequestMessage(HttpMethod.Get, _oss.Url(RawOssClient.ObjectPath(bucket, "k")));
        anonymousRequest.Headers.TryAddWithoutValidation("x-oss-meta-probe", "1"); // unsigned: an x-oss-* header names the dialect
        using var anonymous = await _oss.Http.SendAsync(anonymousRequest);
        using var bucketAcl = await _oss.SendAsync(HttpMethod.Get, "/" + bucket + "?acl");
        using var badAcl = await _oss.SendAsync(HttpMethod.Put, "/" + bucket + "?acl", null,
            r => r.Headers.TryAddWithoutValidation("x-oss-acl", "authenticated-read"));

        Assert.Equal(HttpStatusCode.OK, putAcl.StatusCode);
        var policy = await DocumentAsync(getAcl);
        Assert.Equal("AccessControlPolicy", policy.Name.LocalName);
        Assert.Equal("public-read", policy.Element("AccessControlList")!.Element("Grant")!.Value);
        Assert.False(string.IsNullOrEmpty(policy.Element("Owner")!.Element("ID")!.Value));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("shared", await anonymous.Content.ReadAsStringAsync());
        Assert.Equal("private", (await DocumentAsync(bucketAcl)).Element("AccessControlList")!.Element("Grant")!.Value);
        Assert.Equal(HttpStatusCode.BadRequest, badAcl.StatusCode);

        // The same ACL seen through S3: AllUsers may read.
        var s3Acl = await S3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = "k" });
        Assert.Contains(s3Acl.Grants, g => g.Grantee.URI == "http://acs.amazonaws.com/groups/global/AllUsers" && g.Permission.Value == "READ");
    }

    [Fact]
    public async Task A_name_over_1023_bytes_is_InvalidObjectName_and_nothing_is_stored()
    {
        var bucket = await CreateBucketAsync("oss-name");
        var key = new string('k', 1024);

        using var put = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, key), "x"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = await DocumentAsync(put);
        Assert.Equal("InvalidObjectName", error.Element("Code")!.Value);
        Assert.Equal("The Length of Object name must be less than 1024", error.Element("Message")!.Value);
        Assert.Empty(await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task A_header_asking_for_a_missing_feature_is_NotImplemented_and_nothing_is_stored()
    {
        var bucket = await CreateBucketAsync("oss-sse");

        using var put = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k"), "x"u8.ToArray(),
            r => r.Headers.TryAddWithoutValidation("x-oss-server-side-encryption", "AES256"));
        using var archive = await _oss.SendAsync(HttpMethod.Put, RawOssClient.ObjectPath(bucket, "k"), "x"u8.ToArray(),
            r => r.Headers.TryAddWithoutValidation("x-oss-storage-class", "Archive"));

        Assert.Equal(HttpStatusCode.NotImplemented, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotImplemented, archive.StatusCode);
        Assert.Equal("NotImplemented", (await DocumentAsync(put)).Element("Code")!.Value);
        Assert.False(await ExistsAsync(bucket, "k"));
    }

    [Fact]
    public async Task Buckets_list_locate_and_keep_cors_in_OSS_spelling()
    {
        var bucket = await CreateBucketAsync("oss-bucket");
        var cors = Encoding.UTF8.GetBytes("<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example</AllowedOrigin>"
            + "<AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>"
            + "<ExposeHeader>x-oss-request-id</ExposeHeader><MaxAgeSeconds>100</MaxAgeSeconds></CORSRule>"
            + "<ResponseVary>false</ResponseVary></CORSConfiguration>");

        using var list = await _oss.SendAsync(HttpMethod.Get, "/?prefix=" + bucket);
        using var location = await _oss.SendAsync(HttpMethod.Get, "/" + bucket + "?location");
        using var putCors = await _oss.SendAsync(HttpMethod.Put, "/" + bucket + "?cors", cors);
        using var getCors = await _oss.SendAsync(HttpMethod.Get, "/" + bucket + "?cors");
        using var policy = await _oss.SendAsync(HttpMethod.Get, "/" + bucket + "?policy");

        var buckets = await DocumentAsync(list);
        Assert.Equal("ListAllMyBucketsResult", buckets.Name.LocalName);
        var entry = Assert.Single(buckets.Element("Buckets")!.Elements("Bucket"));
        Assert.Equal(bucket, entry.Element("Name")!.Value);
        Assert.Equal("Standard", entry.Element("StorageClass")!.Value);
        Assert.StartsWith("oss-", entry.Element("Location")!.Value, StringComparison.Ordinal);
        Assert.Equal("false", buckets.Element("IsTruncated")!.Value);
        Assert.Equal(entry.Element("Location")!.Value, (await DocumentAsync(location)).Value);

        Assert.Equal(HttpStatusCode.OK, putCors.StatusCode);
        var rule = Assert.Single((await DocumentAsync(getCors)).Elements("CORSRule"));
        Assert.Equal("https://app.example", rule.Element("AllowedOrigin")!.Value);
        Assert.Equal(["ETag", "x-oss-request-id"], rule.Elements("ExposeHeader").Select(e => e.Value));
        Assert.Equal(HttpStatusCode.NotImplemented, policy.StatusCode);
    }

    public override async Task DisposeAsync()
    {
        _oss.Dispose();
        await base.DisposeAsync();
    }
}
