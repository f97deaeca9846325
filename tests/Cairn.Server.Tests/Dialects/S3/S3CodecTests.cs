using System.Xml.Linq;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Operations;
using Cairn.Server.Dialects;
using Cairn.Server.Http;
using static Cairn.Server.Tests.Dialects.S3.S3CodecTestKit;

namespace Cairn.Server.Tests.Dialects.S3;

/// <summary>
/// What the S3 dialect reads from a request into an operation's input, and writes from its result: the parsing rules
/// that left the handlers with the x-amz-* headers and S3's documents.
/// </summary>
public class S3CodecTests
{
    [Fact]
    public void Object_attributes_are_read_case_insensitively_into_a_set()
    {
        var r = Request(Operation.GetObjectAttributes, "k", "", ("x-amz-object-attributes", "etag, objectsize"), ("x-amz-max-parts", "5"));

        var input = r.Dialect.Objects.ReadObjectAttributes(r);

        Assert.Equal(ObjectAttribute.ETag | ObjectAttribute.ObjectSize, input.Wanted);
        Assert.Equal(5, input.MaxParts);
        Assert.Equal(0, input.PartNumberMarker);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("ETag,Colour")]
    public void Missing_or_unknown_object_attributes_are_an_invalid_argument_naming_the_header(string value)
    {
        var r = Request(Operation.GetObjectAttributes, "k", "", ("x-amz-object-attributes", value));

        var error = Assert.Throws<CairnException>(() => r.Dialect.Objects.ReadObjectAttributes(r));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("x-amz-object-attributes", error.Extra!["ArgumentName"]);
    }

    [Fact]
    public void A_part_copy_reads_its_source_conditions_and_range()
    {
        var r = Request(Operation.UploadPartCopy, "k", "uploadId=U&partNumber=3",
            ("x-amz-copy-source", "/src/a%20b"), ("x-amz-copy-source-if-match", "\"e\""), ("x-amz-copy-source-range", "bytes=10-19"));

        var input = r.Dialect.Multipart.ReadUploadPartCopy(r);

        Assert.Equal(("U", 3), (input.UploadId, input.PartNumber));
        Assert.Equal(new CopySource("src", "a b"), input.Source);
        Assert.Equal("\"e\"", input.SourceConditions.IfMatch);
        Assert.Equal(new SourceRange(10, 19), input.Range);
        Assert.Equal((10L, 10L), input.Range!.Value.Within(20));
    }

    [Theory]
    [InlineData("10-19")]
    [InlineData("bytes=19-10")]
    [InlineData("bytes=-10")]
    [InlineData("bytes=a-b")]
    public void A_malformed_copy_source_range_is_an_invalid_argument(string range)
    {
        var r = Request(Operation.UploadPartCopy, "k", "uploadId=U&partNumber=1", ("x-amz-copy-source", "src/k"), ("x-amz-copy-source-range", range));

        var error = Assert.Throws<CairnException>(() => r.Dialect.Multipart.ReadUploadPartCopy(r));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("x-amz-copy-source-range", error.Extra!["ArgumentName"]);
    }

    [Fact]
    public void A_copy_range_past_the_source_is_an_invalid_range_with_the_source_size()
    {
        var error = Assert.Throws<CairnException>(() => new SourceRange(0, 20).Within(20));

        Assert.Equal(ErrorCode.InvalidRange, error.Code);
        Assert.Equal(20, error.Details!.ActualObjectSize);
    }

    [Fact]
    public void An_upload_declares_its_checksum_algorithm_and_defaults_its_type()
    {
        var r = Request(Operation.CreateMultipartUpload, "k", "uploads", ("x-amz-checksum-algorithm", "crc32"));

        var upload = r.Dialect.Multipart.ReadCreateMultipartUpload(r);

        Assert.Equal(ChecksumAlgorithm.Crc32, upload.ChecksumAlgorithm);
        Assert.Equal(MultipartChecksum.DefaultType(ChecksumAlgorithm.Crc32), upload.ChecksumType);
        Assert.Equal(("b", "k", "user-1"), (upload.Bucket, upload.Key, upload.Owner));
    }

    [Fact]
    public void A_checksum_type_without_an_algorithm_is_an_invalid_request()
    {
        var r = Request(Operation.CreateMultipartUpload, "k", "uploads", ("x-amz-checksum-type", "FULL_OBJECT"));

        Assert.Equal(ErrorCode.InvalidRequest, Assert.Throws<CairnException>(() => r.Dialect.Multipart.ReadCreateMultipartUpload(r)).Code);
    }

    [Fact]
    public async Task A_v2_continuation_token_written_on_one_page_starts_the_next()
    {
        var first = Request(Operation.ListObjectsV2, null, "list-type=2&max-keys=1");
        var input = first.Dialect.Listing.ReadListObjectsV2(first);
        var page = new ObjectPage([], [], IsTruncated: true, NextMarker: "photos/ä b+c");

        await first.Dialect.Listing.WriteListObjectsV2Async(first, input, page, owners: null);

        var document = XElement.Parse(System.Text.Encoding.UTF8.GetString(((MemoryStream)first.Response.Body).ToArray()));
        var token = document.Element(XName.Get("NextContinuationToken", "http://s3.amazonaws.com/doc/2006-03-01/"))!.Value;
        var next = Request(Operation.ListObjectsV2, null, "list-type=2&continuation-token=" + Uri.EscapeDataString(token));
        Assert.Equal("photos/ä b+c", next.Dialect.Listing.ReadListObjectsV2(next).After);
    }

    [Fact]
    public void A_continuation_token_that_does_not_decode_is_an_invalid_argument()
    {
        var r = Request(Operation.ListObjectsV2, null, "list-type=2&continuation-token=%25%25");

        var error = Assert.Throws<CairnException>(() => r.Dialect.Listing.ReadListObjectsV2(r));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("continuation-token", error.Extra!["ArgumentName"]);
    }

    [Fact]
    public void The_request_id_goes_out_in_both_s3_headers()
    {
        var r = Request(Operation.GetObject, "k");

        r.Dialect.WriteRequestId(r.Response, "ABC");

        Assert.Equal("ABC", r.Response.Headers["x-amz-request-id"]);
        Assert.Equal("ABC", r.Response.Headers["x-amz-id-2"]);
    }
}
