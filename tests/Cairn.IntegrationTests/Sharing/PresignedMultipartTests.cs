using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sharing;

/// <summary>
/// A whole multipart upload driven through presigned URLs by a plain HttpClient, as a phone or a browser does it
/// (docs/s3-compatibility.md "Presigned URLs"): someone holding the keys signs one URL per step — create, each part,
/// list, complete, abort — and hands them out; the uploader needs no SDK and no key.
/// </summary>
public sealed class PresignedMultipartTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const int PartSize = 256 * 1024;
    private static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public PresignedMultipartTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task A_multipart_upload_made_only_of_presigned_urls_completes_and_the_object_is_whole()
    {
        var bucket = await CreateBucketAsync("presign-mpu");
        var key = "uploads/phone 1/video.mp4";
        var data = RandomNumberGenerator.GetBytes(PartSize * 2 + 12_345);

        var uploadId = await CreateAsync(bucket, key);
        var etags = new List<string>();
        for (var part = 1; part * PartSize - PartSize < data.Length; part++)
        {
            var slice = data.AsSpan((part - 1) * PartSize, Math.Min(PartSize, data.Length - (part - 1) * PartSize)).ToArray();
            using var put = await Raw.Http.PutAsync(Presign("PUT", bucket, key, $"partNumber={part}&uploadId={Uri.EscapeDataString(uploadId)}"),
                new ByteArrayContent(slice));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            etags.Add(put.Headers.ETag!.Tag);
        }

        using (var list = await Raw.Http.GetAsync(Presign("GET", bucket, key, "uploadId=" + Uri.EscapeDataString(uploadId))))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var parts = XDocument.Parse(await list.Content.ReadAsStringAsync()).Descendants(Ns + "Part").ToList();
            Assert.Equal([1, 2, 3], parts.Select(p => int.Parse(p.Element(Ns + "PartNumber")!.Value, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(etags, parts.Select(p => p.Element(Ns + "ETag")!.Value));
        }

        var completeXml = new XElement("CompleteMultipartUpload",
            etags.Select((etag, i) => new XElement("Part", new XElement("PartNumber", i + 1), new XElement("ETag", etag)))).ToString();
        using (var complete = await Raw.Http.PostAsync(Presign("POST", bucket, key, "uploadId=" + Uri.EscapeDataString(uploadId)),
            new StringContent(completeXml, Encoding.UTF8, "application/xml")))
        {
            Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
            Assert.EndsWith("-3\"", XDocument.Parse(await complete.Content.ReadAsStringAsync()).Descendants(Ns + "ETag").Single().Value, StringComparison.Ordinal);
        }

        using var get = await Raw.Http.GetAsync(Presign("GET", bucket, key, null));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(MD5.HashData(data), MD5.HashData(await get.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_presigned_abort_ends_the_upload_and_its_part_urls_stop_working()
    {
        var bucket = await CreateBucketAsync("presign-abort");
        var uploadId = await CreateAsync(bucket, "big.bin");
        var partUrl = Presign("PUT", bucket, "big.bin", "partNumber=1&uploadId=" + Uri.EscapeDataString(uploadId));
        using (var first = await Raw.Http.PutAsync(partUrl, new ByteArrayContent(new byte[1000])))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var abort = await Raw.Http.DeleteAsync(Presign("DELETE", bucket, "big.bin", "uploadId=" + Uri.EscapeDataString(uploadId))))
        {
            Assert.Equal(HttpStatusCode.NoContent, abort.StatusCode);
        }

        using var again = await Raw.Http.PutAsync(partUrl, new ByteArrayContent(new byte[1000]));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("<Code>NoSuchUpload</Code>", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Presigned CreateMultipartUpload (POST ?uploads), as the app server would hand it out; returns the upload id.</summary>
    private async Task<string> CreateAsync(string bucket, string key)
    {
        using var create = await Raw.Http.PostAsync(Presign("POST", bucket, key, "uploads="), content: null);
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        return XDocument.Parse(await create.Content.ReadAsStringAsync()).Descendants(Ns + "UploadId").Single().Value;
    }

    private Uri Presign(string method, string bucket, string key, string? query) =>
        Raw.Signer.Presign(method, Raw.Url(RawS3Client.ObjectPath(bucket, key) + (query is null ? string.Empty : "?" + query)),
            DateTimeOffset.UtcNow, 600);
}
