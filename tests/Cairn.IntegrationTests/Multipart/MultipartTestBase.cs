using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Multipart;

/// <summary>
/// Base of the multipart end-to-end tests: <see cref="SdkTestBase"/> (SDK client with default settings, raw
/// signed client, tmp-leak check after every test) plus multipart helpers and the tests' own, independent
/// computation of the expected multipart ETag (docs/s3-compatibility.md "CompleteMultipartUpload").
/// </summary>
public abstract class MultipartTestBase : SdkTestBase
{
    /// <summary>Cairn's default minimum size of every part but the last (StorageLimits.MinPartSize).</summary>
    protected const int MinPart = 100 * 1024;

    protected MultipartTestBase(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    /// <summary>Reproducible pseudo-random bytes; different seeds give different content.</summary>
    protected static byte[] Data(int size, ulong seed) => DeterministicStream.Slice(seed, 0, size);

    protected static string Quote(string etag) => "\"" + etag + "\"";

    protected static string Unquote(string? etag) => (etag ?? string.Empty).Trim('"');

    protected static string Md5Hex(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    /// <summary>
    /// The multipart ETag computed here, not by the server: hex(MD5(concat(binary MD5 of each part))) + "-N",
    /// quoted as it appears on the wire.
    /// </summary>
    protected static string ExpectedMultipartETag(IEnumerable<byte[]> parts) =>
        ExpectedMultipartETagFromDigests(parts.Select(p => MD5.HashData(p)));

    /// <summary>The multipart ETag from the parts' binary MD5 digests, in part order.</summary>
    protected static string ExpectedMultipartETagFromDigests(IEnumerable<byte[]> partMd5s)
    {
        using var concat = new MemoryStream();
        var count = 0;
        foreach (var digest in partMd5s)
        {
            Assert.Equal(16, digest.Length);
            concat.Write(digest);
            count++;
        }

        return Quote(Convert.ToHexStringLower(MD5.HashData(concat.ToArray())) + "-" + count.ToString(CultureInfo.InvariantCulture));
    }

    protected static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(p => p).ToArray();

    protected async Task<string> InitiateAsync(string bucket, string key, Action<InitiateMultipartUploadRequest>? configure = null, IAmazonS3? client = null)
    {
        var request = new InitiateMultipartUploadRequest { BucketName = bucket, Key = key };
        configure?.Invoke(request);
        var response = await (client ?? S3).InitiateMultipartUploadAsync(request);
        Assert.False(string.IsNullOrEmpty(response.UploadId), "CreateMultipartUpload returned no UploadId");
        return response.UploadId;
    }

    protected Task<UploadPartResponse> UploadPartAsync(
        string bucket, string key, string uploadId, int partNumber, byte[] data, Action<UploadPartRequest>? configure = null, IAmazonS3? client = null)
    {
        var request = new UploadPartRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = partNumber,
            InputStream = new MemoryStream(data),
        };
        configure?.Invoke(request);
        return (client ?? S3).UploadPartAsync(request);
    }

    /// <summary>Uploads the parts (numbered from 1) concurrently and checks every part ETag against its MD5.</summary>
    protected async Task UploadPartsAsync(string bucket, string key, string uploadId, IReadOnlyList<byte[]> parts)
    {
        var responses = await Task.WhenAll(parts.Select((data, i) => UploadPartAsync(bucket, key, uploadId, i + 1, data)));
        for (var i = 0; i < parts.Count; i++)
        {
            Assert.Equal(Quote(Md5Hex(parts[i])), responses[i].ETag);
        }
    }

    /// <summary>
    /// Every part of an upload, following PartNumberMarker/NextPartNumberMarker page by page; checks that the
    /// pages make progress and that IsTruncated is false exactly on the last page.
    /// </summary>
    protected async Task<List<PartDetail>> ListAllPartsAsync(string bucket, string key, string uploadId, int? maxParts = null, IAmazonS3? client = null)
    {
        var parts = new List<PartDetail>();
        string? marker = null;
        for (var page = 0; page < 10_001; page++)
        {
            var response = await (client ?? S3).ListPartsAsync(new ListPartsRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = uploadId,
                MaxParts = maxParts,
                PartNumberMarker = marker,
            });
            var items = response.Parts ?? [];
            if (maxParts is { } max)
            {
                Assert.True(items.Count <= max, $"ListParts returned {items.Count} parts with MaxParts {max}");
            }

            parts.AddRange(items);
            if (response.IsTruncated != true)
            {
                return parts;
            }

            Assert.True(items.Count > 0, "ListParts is truncated but returned no parts");
            Assert.Equal(items[^1].PartNumber, response.NextPartNumberMarker);
            marker = response.NextPartNumberMarker?.ToString(CultureInfo.InvariantCulture);
        }

        throw new Xunit.Sdk.XunitException("ListParts never stopped paginating");
    }

    protected Task<CompleteMultipartUploadResponse> CompleteAsync(
        string bucket, string key, string uploadId, IEnumerable<(int PartNumber, string ETag)> parts, IAmazonS3? client = null)
    {
        return (client ?? S3).CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = parts.Select(p => new PartETag { PartNumber = p.PartNumber, ETag = p.ETag }).ToList(),
        });
    }

    /// <summary>Completes with the parts numbered 1..N whose ETags are the MD5s of <paramref name="parts"/>.</summary>
    protected Task<CompleteMultipartUploadResponse> CompleteAsync(string bucket, string key, string uploadId, IReadOnlyList<byte[]> parts) =>
        CompleteAsync(bucket, key, uploadId, parts.Select((p, i) => (i + 1, Quote(Md5Hex(p)))));

    /// <summary>The CompleteMultipartUpload body for a part list, in the given (possibly wrong) order.</summary>
    protected static string CompleteXml(IEnumerable<(int PartNumber, string ETag)> parts)
    {
        var xml = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        foreach (var (number, etag) in parts)
        {
            xml.Append("<Part><PartNumber>").Append(number.ToString(CultureInfo.InvariantCulture)).Append("</PartNumber><ETag>")
                .Append(SecurityElement.Escape(etag)).Append("</ETag></Part>");
        }

        return xml.Append("</CompleteMultipartUpload>").ToString();
    }

    /// <summary>A signed CompleteMultipartUpload with a hand-written body, for lists the SDK would not send as given.</summary>
    protected Task<HttpResponseMessage> RawCompleteAsync(string bucket, string key, string uploadId, string xml) =>
        Raw.SendAsync(
            HttpMethod.Post,
            RawS3Client.ObjectPath(bucket, key) + "?uploadId=" + Uri.EscapeDataString(uploadId),
            Encoding.UTF8.GetBytes(xml),
            request => request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml"));

    protected async Task<byte[]> GetRangeAsync(string bucket, string key, long first, long last)
    {
        using var response = await S3.GetObjectAsync(new GetObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ByteRange = new ByteRange(first, last),
        });
        Assert.Equal(HttpStatusCode.PartialContent, response.HttpStatusCode);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    protected async Task AssertNoSuchUploadAsync(Func<Task> action) =>
        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchUpload", action);

    protected int BlobFileCount() => DataDirectoryInspector.BlobFiles(Fixture.DataDirectory).Count;

    /// <summary>One immediate garbage pass (queue and orphans, no grace period).</summary>
    protected Task<int> CollectGarbageAsync() => Fixture.Host.CollectGarbageAsync();

    /// <summary>
    /// How many blob files the server needs right now, asked over the API: one per part of every live
    /// multipart object (HEAD ?partNumber=1 gives the parts count), one per other object larger than the
    /// inline limit (smaller ones live in the metadata row), one per part of every in-progress upload. Valid
    /// for servers where no blob is shared (no whole-object UploadPartCopy).
    /// </summary>
    protected async Task<int> ReferencedBlobCountAsync()
    {
        var total = 0;
        var buckets = await S3.ListBucketsAsync();
        foreach (var bucket in (buckets.Buckets ?? []).Select(b => b.BucketName))
        {
            foreach (var key in await ListAllKeysAsync(bucket))
            {
                var head = await S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key, PartNumber = 1 });
                total += head.PartsCount
                    ?? (head.ContentLength > Fixture.Host.Options.Limits.InlineObjectMaxSize ? 1 : 0);
            }

            string? keyMarker = null;
            string? uploadIdMarker = null;
            while (true)
            {
                var uploads = await S3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
                {
                    BucketName = bucket,
                    KeyMarker = keyMarker,
                    UploadIdMarker = uploadIdMarker,
                });
                foreach (var upload in uploads.MultipartUploads ?? [])
                {
                    total += (await ListAllPartsAsync(bucket, upload.Key, upload.UploadId)).Count;
                }

                if (uploads.IsTruncated != true)
                {
                    break;
                }

                (keyMarker, uploadIdMarker) = (uploads.NextKeyMarker, uploads.NextUploadIdMarker);
            }
        }

        return total;
    }

    /// <summary>After a garbage pass, the blob files on disk are exactly the ones live metadata needs.</summary>
    protected async Task AssertNoLeakedBlobsAsync()
    {
        await CollectGarbageAsync();
        var expected = await ReferencedBlobCountAsync();
        var files = DataDirectoryInspector.BlobFiles(Fixture.DataDirectory);
        Assert.True(
            expected == files.Count,
            $"{files.Count} blob files on disk after GC, but live objects and uploads reference {expected} parts");
    }
}
