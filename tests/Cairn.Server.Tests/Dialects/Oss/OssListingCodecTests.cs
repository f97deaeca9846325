using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Core.Operations;
using Cairn.Server.Dialects.Oss;
using static Cairn.Server.Tests.Dialects.Oss.OssCodecTestKit;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>ListObjects, ListObjectsV2 and GetBucketVersions as OSS clients read them.</summary>
public class OssListingCodecTests
{
    private static readonly IReadOnlyDictionary<string, string> Owners = new Dictionary<string, string> { ["user-1"] = "alice" };

    [Fact]
    public void Max_keys_defaults_to_100_as_oss_lists()
    {
        var r = Request(Operation.ListObjects, null);

        Assert.Equal(100, new OssListingCodec().ReadListObjects(r).MaxKeys);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("ten")]
    public void Max_keys_outside_1_to_1000_is_an_invalid_argument(string maxKeys)
    {
        var r = Request(Operation.ListObjectsV2, null, "list-type=2&max-keys=" + maxKeys);

        var error = Assert.Throws<CairnException>(() => new OssListingCodec().ReadListObjectsV2(r));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("max-keys", error.Details!.ArgumentName);
    }

    [Fact]
    public async Task A_v1_page_names_each_entry_type_upper_case_etag_and_owner()
    {
        var r = Request(Operation.ListObjects, null, "prefix=p%20q/&delimiter=/&max-keys=2&encoding-type=url");
        var codec = new OssListingCodec();
        var input = codec.ReadListObjects(r);
        var page = new ObjectPage([Entry("p q/a", partsCount: null), Entry("p q/b", partsCount: 3)], ["p q/c d/"], true, "p q/b");

        await codec.WriteListObjectsAsync(r, input, page, Owners);

        var document = Document(r);
        Assert.Equal(("ListBucketResult", ""), (document.Name.LocalName, document.Name.NamespaceName));
        Assert.Equal(
            ["Name", "Prefix", "Marker", "MaxKeys", "Delimiter", "EncodingType", "IsTruncated", "NextMarker", "Contents", "Contents", "CommonPrefixes"],
            ChildNames(document));
        Assert.Equal("p%20q/", document.Element("Prefix")!.Value);
        Assert.Equal("p%20q/b", document.Element("NextMarker")!.Value);
        var entries = document.Elements("Contents").ToList();
        Assert.Equal(["Key", "LastModified", "ETag", "Type", "Size", "StorageClass", "Owner"], ChildNames(entries[0]));
        Assert.Equal(["Normal", "Multipart"], entries.Select(e => e.Element("Type")!.Value));
        Assert.Equal("\"ABCDEF0123456789ABCDEF0123456789\"", entries[0].Element("ETag")!.Value);
        Assert.Equal("Standard", entries[0].Element("StorageClass")!.Value);
        Assert.Equal("alice", entries[0].Element("Owner")!.Element("DisplayName")!.Value);
        Assert.Equal("p%20q/c%20d/", document.Element("CommonPrefixes")!.Element("Prefix")!.Value);
    }

    [Fact]
    public async Task A_v2_page_counts_its_keys_and_continues_from_its_token()
    {
        var r = Request(Operation.ListObjectsV2, null, "list-type=2&start-after=a&max-keys=1");
        var codec = new OssListingCodec();
        var input = codec.ReadListObjectsV2(r);

        await codec.WriteListObjectsV2Async(r, input, new ObjectPage([Entry("b", null)], [], true, "b"), owners: null);

        var document = Document(r);
        Assert.Equal(
            ["Name", "Prefix", "StartAfter", "MaxKeys", "Delimiter", "IsTruncated", "NextContinuationToken", "KeyCount", "Contents"],
            ChildNames(document));
        Assert.Equal("1", document.Element("KeyCount")!.Value);
        Assert.DoesNotContain("Owner", ChildNames(document.Element("Contents")!));
        var next = Request(Operation.ListObjectsV2, null, "list-type=2&continuation-token=" + Uri.EscapeDataString(document.Element("NextContinuationToken")!.Value));
        Assert.Equal("b", codec.ReadListObjectsV2(next).After);
    }

    [Fact]
    public async Task Versions_list_every_object_as_its_null_version()
    {
        var r = Request(Operation.ListObjectVersions, null, "versions");
        var codec = new OssListingCodec();
        var input = codec.ReadListObjectVersions(r);

        await codec.WriteListObjectVersionsAsync(r, input, new ObjectPage([Entry("a", null)], [], false, null), Owners);

        var version = Document(r).Element("Version")!;
        Assert.Equal(["Key", "VersionId", "IsLatest", "LastModified", "ETag", "Type", "Size", "StorageClass", "Owner"], ChildNames(version));
        Assert.Equal("null", version.Element("VersionId")!.Value);
    }

    private static ObjectRecord Entry(string key, int? partsCount) => new()
    {
        Bucket = "b", Key = key, Size = 5, ETag = "abcdef0123456789abcdef0123456789", LastModified = DateTimeOffset.UnixEpoch,
        Owner = "user-1", PartsCount = partsCount,
    };
}
