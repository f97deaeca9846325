using System.Text;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Operations;
using Cairn.Server.Http;
using static Cairn.Server.Tests.Dialects.Oss.OssCodecTestKit;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>What the OSS dialect reads from multipart requests and writes from their results.</summary>
public class OssMultipartCodecTests
{
    private static readonly string Crc = Convert.ToBase64String(ContentHasher.BigEndian(0x995DC9BBDF1939FA));

    [Fact]
    public void Initiate_reads_representation_headers_metadata_and_the_storage_class()
    {
        var r = Request(Operation.CreateMultipartUpload, "k", "uploads",
            ("Content-Type", "text/plain"), ("Cache-Control", "no-cache"), ("x-oss-meta-Colour", "blue"), ("x-oss-storage-class", "Standard"));

        var upload = Multipart().ReadCreateMultipartUpload(r);

        Assert.Equal("text/plain", upload.Headers.ContentType);
        Assert.Equal("no-cache", upload.Headers.CacheControl);
        Assert.Equal("STANDARD", upload.Headers.StorageClass);
        Assert.Equal("blue", upload.UserMetadata["colour"]);
        Assert.Null(upload.ChecksumAlgorithm);
    }

    [Theory]
    [InlineData("IA", ErrorCode.NotImplemented)]
    [InlineData("Bogus", ErrorCode.InvalidArgument)]
    public void Initiate_refuses_a_storage_class_it_cannot_honour(string storageClass, ErrorCode expected)
    {
        var r = Request(Operation.CreateMultipartUpload, "k", "uploads", ("x-oss-storage-class", storageClass));

        Assert.Equal(expected, Assert.Throws<CairnException>(() => Multipart().ReadCreateMultipartUpload(r)).Code);
    }

    [Fact]
    public async Task Initiate_answers_without_a_namespace_and_url_encodes_the_key_when_asked()
    {
        var r = Request(Operation.CreateMultipartUpload, "a b/ü", "uploads&encoding-type=url");
        var upload = new UploadRecord { UploadId = "U1", Bucket = "b", Key = "a b/ü", InitiatedAt = DateTimeOffset.UnixEpoch };

        await Multipart().WriteCreateMultipartUploadAsync(r, upload);

        var document = Document(r);
        Assert.Equal("InitiateMultipartUploadResult", document.Name.LocalName);
        Assert.Equal(string.Empty, document.Name.NamespaceName);
        Assert.Equal(["EncodingType", "Bucket", "Key", "UploadId"], ChildNames(document));
        Assert.Equal("url", document.Element("EncodingType")!.Value);
        Assert.Equal("a%20b/%C3%BC", document.Element("Key")!.Value);
        Assert.Equal("U1", document.Element("UploadId")!.Value);
    }

    [Fact]
    public void A_part_reads_its_number_length_and_crc_claim()
    {
        var r = Request(Operation.UploadPart, "k", "uploadId=U&partNumber=7", ("x-oss-hash-crc64ecma", "11051210869376104954"));
        r.Request.ContentLength = 9;

        var command = Multipart().ReadUploadPart(r);

        Assert.Equal(("U", 7, 9L), (command.UploadId, command.PartNumber, command.ContentLength!.Value));
        Assert.Equal(ChecksumAlgorithm.Crc64Xz, command.Integrity.ChecksumAlgorithm);
        Assert.Equal(Crc, command.Integrity.ExpectedChecksum!());
    }

    [Fact]
    public void A_part_answers_an_upper_case_etag_its_md5_and_its_crc()
    {
        var r = Request(Operation.UploadPart, "k", "uploadId=U&partNumber=1");
        var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.ASCII.GetBytes("123456789")));

        Multipart().WriteUploadPart(r, Part(1, md5));

        Assert.Equal("\"" + md5.ToUpperInvariant() + "\"", r.Response.Headers.ETag.ToString());
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString(md5)), r.Response.Headers.ContentMD5.ToString());
        Assert.Equal("11051210869376104954", r.Response.Headers["x-oss-hash-crc64ecma"].ToString());
    }

    [Fact]
    public void A_part_copy_reads_the_oss_copy_headers()
    {
        var r = Request(Operation.UploadPartCopy, "k", "uploadId=U&partNumber=2",
            ("x-oss-copy-source", "/src/a%20b"), ("x-oss-copy-source-if-match", "\"E\""), ("x-oss-copy-source-range", "bytes=0-99"));

        var input = Multipart().ReadUploadPartCopy(r);

        Assert.Equal(new CopySource("src", "a b"), input.Source);
        Assert.Equal("\"E\"", input.SourceConditions.IfMatch);
        Assert.Equal(new SourceRange(0, 99), input.Range);
    }

    [Fact]
    public void A_malformed_copy_range_names_the_oss_header()
    {
        var r = Request(Operation.UploadPartCopy, "k", "uploadId=U&partNumber=2", ("x-oss-copy-source", "/src/k"), ("x-oss-copy-source-range", "0-99"));

        var error = Assert.Throws<CairnException>(() => Multipart().ReadUploadPartCopy(r));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("x-oss-copy-source-range", error.Extra!["ArgumentName"]);
    }

    [Fact]
    public async Task A_part_copy_answers_copy_part_result_without_a_namespace()
    {
        var r = Request(Operation.UploadPartCopy, "k", "uploadId=U&partNumber=2");

        await Multipart().WriteUploadPartCopyAsync(r, Part(2, "0123456789abcdef0123456789abcdef"));

        var document = Document(r);
        Assert.Equal(("CopyPartResult", ""), (document.Name.LocalName, document.Name.NamespaceName));
        Assert.Equal(["LastModified", "ETag"], ChildNames(document));
        Assert.Equal("\"0123456789ABCDEF0123456789ABCDEF\"", document.Element("ETag")!.Value);
    }

    [Fact]
    public void Forbid_overwrite_makes_the_completion_create_only()
    {
        var r = Request(Operation.CompleteMultipartUpload, "k", "uploadId=U", ("x-oss-forbid-overwrite", "true"));

        var input = Multipart().ReadCompleteMultipartUpload(r);

        Assert.Equal("U", input.UploadId);
        Assert.True(input.Condition.IfNoneMatchAny);
    }

    [Fact]
    public void Complete_all_with_a_body_is_refused_as_oss_refuses_it()
    {
        var r = Request(Operation.CompleteMultipartUpload, "k", "uploadId=U", ("x-oss-complete-all", "yes"));
        r.Request.ContentLength = 120;

        var error = Assert.Throws<CairnException>(() => Multipart().ReadCompleteMultipartUpload(r));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("Should not speficy both complete all header and http body.", error.Message);
    }

    [Fact]
    public void Complete_all_takes_only_yes()
    {
        var r = Request(Operation.CompleteMultipartUpload, "k", "uploadId=U", ("x-oss-complete-all", "all"));

        Assert.Equal(ErrorCode.InvalidArgument, Assert.Throws<CairnException>(() => Multipart().ReadCompleteMultipartUpload(r)).Code);
    }

    [Fact]
    public async Task A_part_list_with_upper_case_quoted_etags_is_read_as_sent()
    {
        var r = Request(Operation.CompleteMultipartUpload, "k", "uploadId=U");
        r.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUpload>\n<Part>\n<PartNumber>1</PartNumber>\n<ETag>\"ABCDEF\"</ETag>\n</Part>\n</CompleteMultipartUpload>"));

        var parts = await Multipart().ReadCompletePartsAsync(r);

        Assert.Equal(1, Assert.Single(parts).PartNumber);
        Assert.Equal("abcdef", Core.Multipart.MultipartETag.Normalize(parts[0].ETag));
    }

    [Fact]
    public async Task Complete_answers_the_object_etag_and_whole_crc_in_headers_and_document()
    {
        var r = Request(Operation.CompleteMultipartUpload, "a b", "uploadId=U&encoding-type=url");
        var completed = new ObjectRecord
        {
            Bucket = "b", Key = "a b", Size = 9, ETag = "0123456789abcdef0123456789abcdef-2", LastModified = DateTimeOffset.UnixEpoch,
            PartsCount = 2, Checksums = new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc64Xz] = Crc },
        };

        await Multipart().WriteCompleteMultipartUploadAsync(r, completed);

        Assert.Equal("\"0123456789ABCDEF0123456789ABCDEF-2\"", r.Response.Headers.ETag.ToString());
        Assert.Equal("11051210869376104954", r.Response.Headers["x-oss-hash-crc64ecma"].ToString());
        var document = Document(r);
        Assert.Equal(("CompleteMultipartUploadResult", ""), (document.Name.LocalName, document.Name.NamespaceName));
        Assert.Equal(["EncodingType", "Location", "Bucket", "Key", "ETag"], ChildNames(document));
        Assert.Equal("http://127.0.0.1:9000/b/a%20b", document.Element("Location")!.Value);
        Assert.Equal("a%20b", document.Element("Key")!.Value);
    }

    [Fact]
    public async Task List_parts_shows_each_parts_crc_and_no_owner()
    {
        var r = Request(Operation.ListParts, "k", "uploadId=U&max-parts=1");
        var codec = Multipart();
        var input = codec.ReadListParts(r);
        var upload = new UploadRecord { UploadId = "U", Bucket = "b", Key = "k", InitiatedAt = DateTimeOffset.UnixEpoch, Owner = "user-1" };

        await codec.WriteListPartsAsync(r, input, new PartPage(upload, [Part(1, "0123456789abcdef0123456789abcdef")], true, 1), new Dictionary<string, string>());

        var document = Document(r);
        Assert.Equal(("ListPartsResult", ""), (document.Name.LocalName, document.Name.NamespaceName));
        Assert.Equal(["Bucket", "Key", "UploadId", "PartNumberMarker", "NextPartNumberMarker", "MaxParts", "IsTruncated", "Part"], ChildNames(document));
        var part = document.Element("Part")!;
        Assert.Equal(["PartNumber", "LastModified", "ETag", "HashCrc64ecma", "Size"], ChildNames(part));
        Assert.Equal("11051210869376104954", part.Element("HashCrc64ecma")!.Value);
        Assert.Equal("1", document.Element("MaxParts")!.Value);
    }

    [Fact]
    public async Task List_uploads_shows_key_upload_id_and_initiation_only()
    {
        var r = Request(Operation.ListMultipartUploads, null, "uploads&encoding-type=url&delimiter=/");
        var codec = Multipart();
        var input = codec.ReadListMultipartUploads(r);
        var upload = new UploadRecord { UploadId = "U", Bucket = "b", Key = "a b", InitiatedAt = DateTimeOffset.UnixEpoch };

        await codec.WriteListMultipartUploadsAsync(r, input, new UploadPage([upload], ["d ir/"], false, null, null), new Dictionary<string, string>());

        var document = Document(r);
        Assert.Equal(
            ["EncodingType", "Bucket", "KeyMarker", "UploadIdMarker", "NextKeyMarker", "NextUploadIdMarker", "Delimiter", "Prefix", "MaxUploads", "IsTruncated", "Upload", "CommonPrefixes"],
            ChildNames(document));
        Assert.Equal(["Key", "UploadId", "Initiated"], ChildNames(document.Element("Upload")!));
        Assert.Equal("a%20b", document.Element("Upload")!.Element("Key")!.Value);
        Assert.Equal("d%20ir/", document.Element("CommonPrefixes")!.Element("Prefix")!.Value);
    }

    private static PartRecord Part(int number, string etag) => new()
    {
        UploadId = "U", PartNumber = number, BlobId = "blob", Size = 9, ETag = etag, LastModified = DateTimeOffset.UnixEpoch,
        Checksums = new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc64Xz] = Crc },
    };
}
