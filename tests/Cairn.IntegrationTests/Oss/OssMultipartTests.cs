using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using Cairn.Core.Checksums;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// OSS multipart uploads on the wire: parts with their CRC-64 (checked against an independent CRC-64/XZ), ListParts'
/// HashCrc64ecma, completion with upper-case ETags or x-oss-complete-all, the whole object's CRC combined from the
/// parts', a refused CRC claim storing nothing, abort, and ListMultipartUploads.
/// </summary>
public sealed class OssMultipartTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const int PartSize = 100 * 1024;

    private readonly OssRawClient _oss;

    public OssMultipartTests(CairnServerFixture fixture)
        : base(fixture) => _oss = new OssRawClient(fixture);

    [Fact]
    public async Task Parts_carry_their_crc_and_complete_with_upper_case_etags_into_the_crc_of_the_whole()
    {
        var (bucket, key) = (await CreateBucketAsync("complete"), "dir/big object");
        var uploadId = await InitiateAsync(bucket, key, ("x-oss-meta-colour", "blue"), ("Content-Type", "text/plain"));
        byte[][] parts = [Bytes(PartSize, 1), Bytes(PartSize + 17, 2), Bytes(4321, 3)];
        var etags = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            using var response = await UploadPartAsync(bucket, key, uploadId, i + 1, parts[i]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var etag = OssRawClient.Header(response, "ETag");
            Assert.Equal("\"" + Convert.ToHexString(MD5.HashData(parts[i])) + "\"", etag);
            Assert.Equal(Convert.ToBase64String(MD5.HashData(parts[i])), OssRawClient.Header(response, "Content-MD5"));
            Assert.Equal(Crc(parts[i]), OssRawClient.Header(response, "x-oss-hash-crc64ecma"));
            etags.Add(etag);
        }

        var (_, listing) = await _oss.SendForDocumentAsync(HttpMethod.Get, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId);
        Assert.Equal("ListPartsResult", listing.Name.LocalName);
        Assert.Equal(parts.Select(Crc), listing.Elements("Part").Select(p => p.Element("HashCrc64ecma")!.Value));
        Assert.Equal(parts.Select(p => p.Length.ToString(CultureInfo.InvariantCulture)), listing.Elements("Part").Select(p => p.Element("Size")!.Value));

        var (completed, document) = await _oss.SendForDocumentAsync(
            HttpMethod.Post, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId, PartList(etags), headers: ("Content-Type", "application/xml"));

        var whole = parts.SelectMany(p => p).ToArray();
        Assert.Equal(Crc(whole), OssRawClient.Header(completed, "x-oss-hash-crc64ecma"));
        Assert.Equal("CompleteMultipartUploadResult", document.Name.LocalName);
        Assert.Equal(string.Empty, document.Name.NamespaceName);
        Assert.Equal(key, document.Element("Key")!.Value);
        Assert.Matches("^\"[0-9A-F]{32}-3\"$", document.Element("ETag")!.Value);
        Assert.Equal(document.Element("ETag")!.Value, OssRawClient.Header(completed, "ETag"));
        Assert.Equal(whole, await GetBytesAsync(bucket, key));
        var metadata = await S3.GetObjectMetadataAsync(bucket, key);
        Assert.Equal(("blue", "text/plain"), (metadata.Metadata["colour"], metadata.Headers.ContentType));
    }

    [Fact]
    public async Task Forbid_overwrite_refuses_to_complete_over_an_existing_object()
    {
        var (bucket, key) = (await CreateBucketAsync("forbid"), "taken");
        await PutTextAsync(bucket, key, "first");
        var uploadId = await InitiateAsync(bucket, key);
        using var part = await UploadPartAsync(bucket, key, uploadId, 1, Bytes(10, 12));

        var (_, error) = await _oss.SendForDocumentAsync(HttpMethod.Post, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId,
            PartList([OssRawClient.Header(part, "ETag")]), HttpStatusCode.Conflict, ("x-oss-forbid-overwrite", "true"));

        Assert.Equal("FileAlreadyExists", error.Element("Code")!.Value);
        Assert.Equal("first", await GetTextAsync(bucket, key));
    }

    [Fact]
    public async Task Complete_all_completes_with_every_uploaded_part_in_order()
    {
        var (bucket, key) = (await CreateBucketAsync("all"), "all");
        var uploadId = await InitiateAsync(bucket, key);
        byte[][] parts = [Bytes(PartSize, 4), Bytes(PartSize, 5), Bytes(10, 6)];
        foreach (var number in new[] { 3, 1, 2 })
        {
            using var response = await UploadPartAsync(bucket, key, uploadId, number, parts[number - 1]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (completed, document) = await _oss.SendForDocumentAsync(
            HttpMethod.Post, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId, headers: ("x-oss-complete-all", "yes"));

        var whole = parts.SelectMany(p => p).ToArray();
        Assert.Matches("-3\"$", document.Element("ETag")!.Value);
        Assert.Equal(Crc(whole), OssRawClient.Header(completed, "x-oss-hash-crc64ecma"));
        Assert.Equal(whole, await GetBytesAsync(bucket, key));
    }

    [Fact]
    public async Task Complete_all_with_a_part_list_is_refused_and_the_upload_stays()
    {
        var (bucket, key) = (await CreateBucketAsync("both"), "both");
        var uploadId = await InitiateAsync(bucket, key);
        using var part = await UploadPartAsync(bucket, key, uploadId, 1, Bytes(10, 7));

        var (response, error) = await _oss.SendForDocumentAsync(
            HttpMethod.Post, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId, PartList([OssRawClient.Header(part, "ETag")]),
            HttpStatusCode.BadRequest, ("x-oss-complete-all", "yes"));

        Assert.Equal("InvalidArgument", error.Element("Code")!.Value);
        Assert.Equal("Should not speficy both complete all header and http body.", error.Element("Message")!.Value);
        Assert.Equal("0042-00000216", error.Element("EC")!.Value);
        Assert.False(await ExistsAsync(bucket, key));
        var (_, listing) = await _oss.SendForDocumentAsync(HttpMethod.Get, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId);
        Assert.Single(listing.Elements("Part"));
        Assert.NotEmpty(OssRawClient.Header(response, "x-oss-request-id"));
    }

    [Fact]
    public async Task A_part_whose_crc_claim_does_not_match_is_refused_and_nothing_is_stored()
    {
        var (bucket, key) = (await CreateBucketAsync("badcrc"), "badcrc");
        var uploadId = await InitiateAsync(bucket, key);
        var body = Bytes(5000, 8);
        var wrong = (Crc64Xz.Compute(body) ^ 1).ToString(CultureInfo.InvariantCulture);

        var (_, error) = await _oss.SendForDocumentAsync(HttpMethod.Put, PartPath(bucket, key, uploadId, 1), body, HttpStatusCode.BadRequest,
            ("x-oss-hash-crc64ecma", wrong));

        Assert.Equal("InvalidDigest", error.Element("Code")!.Value);
        var (_, listing) = await _oss.SendForDocumentAsync(HttpMethod.Get, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId);
        Assert.Empty(listing.Elements("Part"));

        using var right = await UploadPartAsync(bucket, key, uploadId, 1, body, ("x-oss-hash-crc64ecma", Crc(body)));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task A_small_part_but_the_last_is_entity_too_small_at_complete_only()
    {
        var (bucket, key) = (await CreateBucketAsync("small"), "small");
        var uploadId = await InitiateAsync(bucket, key);
        using var first = await UploadPartAsync(bucket, key, uploadId, 1, Bytes(1000, 9));
        using var second = await UploadPartAsync(bucket, key, uploadId, 2, Bytes(1000, 10));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var (_, error) = await _oss.SendForDocumentAsync(HttpMethod.Post, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId,
            PartList([OssRawClient.Header(first, "ETag"), OssRawClient.Header(second, "ETag")]), HttpStatusCode.BadRequest);

        Assert.Equal("EntityTooSmall", error.Element("Code")!.Value);
    }

    [Fact]
    public async Task Abort_answers_204_then_no_such_upload()
    {
        var (bucket, key) = (await CreateBucketAsync("abort"), "abort");
        var uploadId = await InitiateAsync(bucket, key);
        using var part = await UploadPartAsync(bucket, key, uploadId, 1, Bytes(10, 11));

        using var aborted = await _oss.SendAsync(HttpMethod.Delete, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId);
        Assert.Equal(HttpStatusCode.NoContent, aborted.StatusCode);

        var (_, error) = await _oss.SendForDocumentAsync(HttpMethod.Delete, OssRawClient.ObjectPath(bucket, key) + "?uploadId=" + uploadId,
            expected: HttpStatusCode.NotFound);
        Assert.Equal("NoSuchUpload", error.Element("Code")!.Value);
    }

    [Fact]
    public async Task List_multipart_uploads_names_key_upload_and_initiation_url_encoded_when_asked()
    {
        var bucket = await CreateBucketAsync("uploads");
        var first = await InitiateAsync(bucket, "a b/one");
        var second = await InitiateAsync(bucket, "top");

        var (_, document) = await _oss.SendForDocumentAsync(HttpMethod.Get, "/" + bucket + "?uploads&delimiter=/&encoding-type=url");

        Assert.Equal("ListMultipartUploadsResult", document.Name.LocalName);
        Assert.Equal("url", document.Element("EncodingType")!.Value);
        var upload = Assert.Single(document.Elements("Upload"));
        Assert.Equal(("top", second), (upload.Element("Key")!.Value, upload.Element("UploadId")!.Value));
        Assert.NotNull(upload.Element("Initiated"));
        Assert.Null(upload.Element("Owner"));
        Assert.Equal("a%20b/", document.Element("CommonPrefixes")!.Element("Prefix")!.Value);
        Assert.NotEqual(first, second);
    }

    public override async Task DisposeAsync()
    {
        _oss.Dispose();
        await base.DisposeAsync();
    }

    private async Task<string> InitiateAsync(string bucket, string key, params (string Name, string Value)[] headers)
    {
        var (_, document) = await _oss.SendForDocumentAsync(HttpMethod.Post, OssRawClient.ObjectPath(bucket, key) + "?uploads", headers: headers);
        Assert.Equal(("InitiateMultipartUploadResult", bucket, key), (document.Name.LocalName, document.Element("Bucket")!.Value, document.Element("Key")!.Value));
        return document.Element("UploadId")!.Value;
    }

    private Task<HttpResponseMessage> UploadPartAsync(string bucket, string key, string uploadId, int number, byte[] body, params (string Name, string Value)[] headers) =>
        _oss.SendAsync(HttpMethod.Put, PartPath(bucket, key, uploadId, number), body, headers);

    private static string PartPath(string bucket, string key, string uploadId, int number) =>
        OssRawClient.ObjectPath(bucket, key) + "?partNumber=" + number + "&uploadId=" + uploadId;

    /// <summary>The part list as ali-oss writes it: the ETags as the parts' answers gave them, quoted and upper-case.</summary>
    private static byte[] PartList(IReadOnlyList<string> etags)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUpload>\n");
        for (var i = 0; i < etags.Count; i++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Part>\n<PartNumber>{i + 1}</PartNumber>\n<ETag>{etags[i]}</ETag>\n</Part>\n");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</CompleteMultipartUpload>").ToString());
    }

    private static string Crc(byte[] data) => Crc64Xz.Compute(data).ToString(CultureInfo.InvariantCulture);

    private static byte[] Bytes(int count, ulong seed) => DeterministicStream.Slice(seed, 0, count);
}
