using System.Globalization;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.IntegrationTests.Multipart;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// GetObjectAttributes (<c>GET ?attributes</c>) answers what <c>x-amz-object-attributes</c> names without the body:
/// the ETag (unquoted), the checksum with its type, a multipart object's parts with their sizes and checksums (paged
/// with x-amz-max-parts / x-amz-part-number-marker), the storage class and the size, plus Last-Modified. Expected
/// values are computed here, independently of the server.
/// </summary>
public sealed class GetObjectAttributesTests : MultipartTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly List<ObjectAttributes> All =
        [ObjectAttributes.ETag, ObjectAttributes.Checksum, ObjectAttributes.ObjectParts, ObjectAttributes.StorageClass, ObjectAttributes.ObjectSize];

    public GetObjectAttributesTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task GetObjectAttributes_SinglePutWithCrc32_ReportsETagChecksumClassAndSize()
    {
        var bucket = await CreateBucketAsync("attrs-single");
        var data = Data(70_000, seed: 101);
        await PutAsync(bucket, "single.bin", data, r => r.ChecksumAlgorithm = ChecksumAlgorithm.CRC32);
        var head = await S3.GetObjectMetadataAsync(bucket, "single.bin");

        var attributes = await S3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket,
            Key = "single.bin",
            ObjectAttributes = All,
        });

        Assert.Equal(Md5Hex(data), attributes.ETag);
        Assert.Equal(TestChecksums.Crc32(data), attributes.Checksum?.ChecksumCRC32);
        Assert.Equal(ChecksumType.FULL_OBJECT, attributes.Checksum?.ChecksumType);
        Assert.Null(attributes.ObjectParts);
        Assert.Equal(S3StorageClass.Standard, attributes.StorageClass);
        Assert.Equal(data.Length, attributes.ObjectSize);
        Assert.Equal(head.LastModified, attributes.LastModified);
    }

    [Fact]
    public async Task GetObjectAttributes_OnlyTheNamedAttributesAreReturned()
    {
        var bucket = await CreateBucketAsync("attrs-some");
        var data = Data(1000, seed: 102);
        await PutAsync(bucket, "k", data);

        var attributes = await S3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket,
            Key = "k",
            ObjectAttributes = [ObjectAttributes.ObjectSize],
        });

        Assert.Equal(data.Length, attributes.ObjectSize);
        Assert.Null(attributes.ETag);
        Assert.Null(attributes.StorageClass);
        Assert.Null(attributes.Checksum);
    }

    [Fact]
    public async Task GetObjectAttributes_ThreePartUploadWithCrc32_PagesThroughPartsWithTheirChecksums()
    {
        var bucket = await CreateBucketAsync("attrs-multipart");
        byte[][] parts = [Data(MinPart, seed: 103), Data(MinPart + 7, seed: 104), Data(999, seed: 105)];
        var partChecksums = parts.Select(p => TestChecksums.Crc32(p)).ToArray();
        var composite = TestChecksums.Crc32(Concat(partChecksums.Select(Convert.FromBase64String))) + "-3";

        var uploadId = await InitiateAsync(bucket, "three.bin", r => r.ChecksumAlgorithm = ChecksumAlgorithm.CRC32);
        var uploaded = new List<PartETag>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await UploadPartAsync(bucket, "three.bin", uploadId, i + 1, parts[i], r => r.ChecksumAlgorithm = ChecksumAlgorithm.CRC32);
            uploaded.Add(new PartETag { PartNumber = i + 1, ETag = part.ETag, ChecksumCRC32 = part.ChecksumCRC32 });
        }

        await S3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "three.bin",
            UploadId = uploadId,
            PartETags = uploaded,
        });

        var first = await S3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket,
            Key = "three.bin",
            ObjectAttributes = All,
            MaxParts = 2,
        });

        Assert.Equal(Unquote(ExpectedMultipartETag(parts)), first.ETag);
        Assert.Equal(composite, first.Checksum?.ChecksumCRC32);
        Assert.Equal(ChecksumType.COMPOSITE, first.Checksum?.ChecksumType);
        Assert.Equal(Concat(parts).Length, first.ObjectSize);
        Assert.Equal(S3StorageClass.Standard, first.StorageClass);
        var page1 = first.ObjectParts ?? throw new Xunit.Sdk.XunitException("no ObjectParts for a multipart object");
        Assert.Equal(3, page1.TotalPartsCount);
        Assert.Equal(2, page1.MaxParts);
        Assert.True(page1.IsTruncated, "the first page of two parts out of three is not truncated");
        Assert.Equal("0", Text(page1.PartNumberMarker));
        Assert.Equal("2", Text(page1.NextPartNumberMarker));
        Assert.Equal([1, 2], (page1.Parts ?? []).Select(p => p.PartNumber ?? 0));
        Assert.Equal(parts.Take(2).Select(p => (long)p.Length), (page1.Parts ?? []).Select(p => p.Size ?? -1));
        Assert.Equal(partChecksums.Take(2), (page1.Parts ?? []).Select(p => p.ChecksumCRC32));

        var second = await S3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket,
            Key = "three.bin",
            ObjectAttributes = [ObjectAttributes.ObjectParts],
            MaxParts = 2,
            PartNumberMarker = page1.NextPartNumberMarker,
        });

        var page2 = second.ObjectParts ?? throw new Xunit.Sdk.XunitException("no ObjectParts on the second page");
        Assert.Equal(3, page2.TotalPartsCount);
        Assert.False(page2.IsTruncated ?? true, "the last page is truncated");
        Assert.Equal("2", Text(page2.PartNumberMarker));
        Assert.Equal("3", Text(page2.NextPartNumberMarker));
        var last = Assert.Single(page2.Parts ?? []);
        Assert.Equal(3, last.PartNumber);
        Assert.Equal(parts[2].Length, last.Size);
        Assert.Equal(partChecksums[2], last.ChecksumCRC32);
    }

    [Fact]
    public async Task GetObjectAttributes_MissingKey_IsNoSuchKey()
    {
        var bucket = await CreateBucketAsync("attrs-missing");

        await S3Assert.ThrowsAsync(HttpStatusCode.NotFound, "NoSuchKey", () => S3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = bucket,
            Key = "nothing",
            ObjectAttributes = All,
        }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ETag,Colour")]
    public async Task GetObjectAttributes_MissingOrUnknownAttributeNames_AreInvalidArgument(string? header)
    {
        var bucket = await CreateBucketAsync("attrs-bad-names");
        await PutTextAsync(bucket, "k", "content");

        using var response = await Raw.SendAsync(HttpMethod.Get, RawS3Client.ObjectPath(bucket, "k") + "?attributes", configure: r =>
        {
            if (header is not null)
            {
                r.Headers.TryAddWithoutValidation("x-amz-object-attributes", header);
            }
        });

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal("x-amz-object-attributes", error.Element("ArgumentName")?.Value);
    }

    [Fact]
    public async Task GetObjectAttributes_RawResponse_HasLastModifiedAndNoBodyOfTheObject()
    {
        var bucket = await CreateBucketAsync("attrs-raw");
        await PutTextAsync(bucket, "k", "the object's own content");
        var head = await S3.GetObjectMetadataAsync(bucket, "k");

        using var response = await Raw.SendAsync(HttpMethod.Get, RawS3Client.ObjectPath(bucket, "k") + "?attributes",
            configure: r => r.Headers.TryAddWithoutValidation("x-amz-object-attributes", "ETag,ObjectSize"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal(head.LastModified?.ToUniversalTime(), response.Content.Headers.LastModified?.UtcDateTime);
        Assert.DoesNotContain("the object's own content", text, StringComparison.Ordinal);
        Assert.Contains("<ObjectSize>24</ObjectSize>", text, StringComparison.Ordinal);
        Assert.Contains($"<ETag>{Unquote(head.ETag)}</ETag>", text, StringComparison.Ordinal);
    }

    private static string? Text(object? marker) => marker switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => marker.ToString(),
    };
}
