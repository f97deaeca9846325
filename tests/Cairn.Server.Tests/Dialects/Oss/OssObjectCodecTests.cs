using Cairn.Core.Authorization.Acl;
using Cairn.Core.Checksums;
using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Model;
using Cairn.Core.Operations;
using Cairn.Server.Dialects;
using Cairn.Server.Dialects.Oss;
using static Cairn.Server.Tests.Dialects.Oss.OssCodecTestKit;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>What the OSS object, ACL and header rules read from a request and write on an answer.</summary>
public class OssObjectCodecTests
{
    // The form-upload codec is not exercised here.
    private readonly OssObjectCodec _codec = new(new StorageLimits(), post: null!);

    [Fact]
    public void A_put_reads_metadata_storage_class_forbid_overwrite_and_the_crc_claim()
    {
        var r = Request(Operation.PutObject, "k", "",
            ("Content-Length", "3"), ("x-oss-meta-Color", "blue"), ("x-oss-storage-class", "Standard"),
            ("x-oss-forbid-overwrite", "true"), ("x-oss-hash-crc64ecma", "11051210869376104954"));

        var command = _codec.ReadPutObject(r);

        Assert.Equal("blue", command.UserMetadata["color"]);
        Assert.Equal("STANDARD", command.Headers.StorageClass);
        Assert.True(command.Condition.IfNoneMatchAny);
        Assert.Equal(ChecksumAlgorithm.Crc64Xz, command.Integrity.ChecksumAlgorithm);
        Assert.Equal(CrcCheckValue.Stored, command.Integrity.ExpectedChecksum!());
    }

    [Theory]
    [InlineData("IA")]
    [InlineData("archive")]
    [InlineData("ColdArchive")]
    [InlineData("DeepColdArchive")]
    public void A_colder_storage_class_is_NotImplemented(string storageClass)
    {
        var r = Request(Operation.PutObject, "k", "", ("Content-Length", "0"), ("x-oss-storage-class", storageClass));

        Assert.Equal(ErrorCode.NotImplemented, Assert.Throws<CairnException>(() => _codec.ReadPutObject(r)).Code);
    }

    [Fact]
    public void A_forbid_overwrite_value_other_than_true_or_false_is_InvalidArgument()
    {
        var r = Request(Operation.PutObject, "k", "", ("Content-Length", "0"), ("x-oss-forbid-overwrite", "yes"));

        Assert.Equal(ErrorCode.InvalidArgument, Assert.Throws<CairnException>(() => _codec.ReadPutObject(r)).Code);
    }

    [Fact]
    public void A_get_answers_upper_case_etag_type_class_crc_metadata_and_overrides()
    {
        var r = Request(Operation.GetObject, "k", "response-content-type=text%2Fhtml");
        var record = Record() with
        {
            UserMetadata = new Dictionary<string, string> { ["color"] = "blue" },
            Checksums = new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc64Xz] = CrcCheckValue.Stored },
            PartsCount = 2,
            ETag = "0123456789abcdef0123456789abcdef-2",
        };

        _codec.WriteObjectHeaders(r, new ObjectReadResult(record, false, null));

        var headers = r.Response.Headers;
        Assert.Equal("\"0123456789ABCDEF0123456789ABCDEF-2\"", headers.ETag.ToString());
        Assert.Equal("Multipart", headers["x-oss-object-type"].ToString());
        Assert.Equal("Standard", headers["x-oss-storage-class"].ToString());
        Assert.Equal("11051210869376104954", headers["x-oss-hash-crc64ecma"].ToString());
        Assert.Equal("blue", headers["x-oss-meta-color"].ToString());
        Assert.Equal("text/html", headers.ContentType.ToString());
    }

    [Fact]
    public void A_put_answers_the_etag_content_md5_and_crc()
    {
        var r = Request(Operation.PutObject, "k");

        _codec.WritePutObject(r, Record() with
        {
            Checksums = new Dictionary<ChecksumAlgorithm, string> { [ChecksumAlgorithm.Crc64Xz] = CrcCheckValue.Stored },
        });

        Assert.Equal("\"D41D8CD98F00B204E9800998ECF8427E\"", r.Response.Headers.ETag.ToString());
        Assert.Equal("1B2M2Y8AsgTpgAmY7PhCfg==", r.Response.Headers.ContentMD5.ToString());
        Assert.Equal("11051210869376104954", r.Response.Headers["x-oss-hash-crc64ecma"].ToString());
    }

    [Fact]
    public void A_copy_reads_the_source_directive_and_source_conditions()
    {
        var r = Request(Operation.CopyObject, "k", "",
            ("x-oss-copy-source", "/src/a%20b.txt"), ("x-oss-metadata-directive", "REPLACE"), ("x-oss-meta-shape", "round"),
            ("x-oss-copy-source-if-match", "\"ABC\""));

        var input = _codec.ReadCopyObject(r);

        Assert.Equal(("src", "a b.txt"), (input.Source.Bucket, input.Source.Key));
        Assert.True(input.ReplaceMetadata);
        Assert.Equal("round", input.UserMetadata!["shape"]);
        Assert.Equal("\"ABC\"", input.SourceConditions.IfMatch);
        Assert.Equal(ErrorCode.InvalidArgument, Assert.Throws<CairnException>(() => _codec.ReadCopyObject(
            Request(Operation.CopyObject, "k", "", ("x-oss-copy-source", "/src/a"), ("x-oss-metadata-directive", "MOVE")))).Code);
    }

    [Theory]
    [InlineData("default", null)]
    [InlineData("private", CannedAcl.Private)]
    [InlineData("public-read", CannedAcl.PublicRead)]
    [InlineData("public-read-write", CannedAcl.PublicReadWrite)]
    public void An_object_acl_header_is_a_canned_acl_and_default_asks_for_none(string value, CannedAcl? expected)
    {
        var acl = new OssAccessControlCodec().ReadRequestAcl(Request(Operation.PutObject, "k", "", ("x-oss-object-acl", value)));

        Assert.Equal(expected, acl.Canned);
        Assert.Equal(expected is null, acl.IsEmpty);
    }

    [Fact]
    public void A_bucket_has_no_default_acl_and_S3_only_values_are_refused()
    {
        var codec = new OssAccessControlCodec();

        Assert.Equal(CannedAcl.PublicRead, codec.ReadRequestAcl(Request(Operation.CreateBucket, null, "", ("x-oss-acl", "public-read"))).Canned);
        Assert.Throws<CairnException>(() => codec.ReadRequestAcl(Request(Operation.CreateBucket, null, "", ("x-oss-acl", "default"))));
        Assert.Throws<CairnException>(() => codec.ReadRequestAcl(Request(Operation.CreateBucket, null, "", ("x-oss-acl", "authenticated-read"))));
    }

    [Fact]
    public void An_acl_reads_back_as_the_canned_value_its_public_grants_equal()
    {
        Assert.Equal("private", OssCannedAcls.Spell(CannedAcls.Expand(CannedAcl.Private, "o", "o")));
        Assert.Equal("public-read", OssCannedAcls.Spell(CannedAcls.Expand(CannedAcl.PublicRead, "o", "o")));
        Assert.Equal("public-read-write", OssCannedAcls.Spell(CannedAcls.Expand(CannedAcl.PublicReadWrite, "o", "o")));

        // Not expressible in OSS: read for any signed user is reported as public-read, never hidden as private.
        Assert.Equal("public-read", OssCannedAcls.Spell(CannedAcls.Expand(CannedAcl.AuthenticatedRead, "o", "o")));
        Assert.Equal("private", OssCannedAcls.Spell(new AccessControlList([new Grant(Grantee.User("o"), AclRight.FullControl), new Grant(Grantee.User("u"), AclRight.Read)])));
    }

    [Theory]
    [InlineData("x-oss-server-side-encryption", "AES256", true)]
    [InlineData("x-oss-server-side-encryption", "KMS", true)]
    [InlineData("x-oss-tagging", "a=1", false)]
    [InlineData("x-oss-tagging", "", false)]
    [InlineData("x-oss-traffic-limit", "819200", true)]
    [InlineData("x-oss-request-payer", "requester", false)]
    [InlineData("x-oss-meta-anything", "1", false)]
    public void Headers_asking_for_missing_features_are_refused(string header, string value, bool refused)
    {
        var r = Request(Operation.PutObject, "k", "", (header, value));

        var error = Xunit.Record.Exception(() => OssUnsupportedHeaders.Check(r.Request.Headers));

        Assert.Equal(refused, error is CairnException { Code: ErrorCode.NotImplemented });
    }

    private static ObjectRecord Record() => new()
    {
        Bucket = "b",
        Key = "k",
        Size = 0,
        ETag = "d41d8cd98f00b204e9800998ecf8427e",
        LastModified = DateTimeOffset.UnixEpoch,
    };
}

/// <summary>The CRC-64/XZ check value ("123456789"), 0x995DC9BBDF1939FA, as the store keeps it.</summary>
internal static class CrcCheckValue
{
    public static readonly string Stored = Convert.ToBase64String([0x99, 0x5D, 0xC9, 0xBB, 0xDF, 0x19, 0x39, 0xFA]);
}
