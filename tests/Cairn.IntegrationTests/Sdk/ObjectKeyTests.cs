using System.Net;
using System.Text;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Object keys that break naive servers: characters with meaning in URLs, XML or paths, unicode, and
/// the 1,024-byte limit (counted in UTF-8 bytes, not characters). Keys starting with '/' are left out:
/// S3 accepts them but Cairn rejects them (docs/s3-compatibility.md "Keys").
/// </summary>
public sealed class ObjectKeyTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public ObjectKeyTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    public static TheoryData<string> UnusualKeys => new()
    {
        "unicode/äöü-日本語-😀.txt",
        "with space and  two spaces",
        "plus+sign+c++",
        "percent%20not-decoded%2F%",
        "question?mark=1&amp=2",
        "hash#fragment",
        "dir//double//slashes",
        "dots/./and/../segments",
        "trailing/",
        "xml <chars> & 'quotes' \"double\"",
        "tilde~star*paren()bang!dollar$comma,semi;colon:at@",
        "back\\slash\\in\\middle",
        "brackets[]{}^`|",
    };

    [Theory]
    [MemberData(nameof(UnusualKeys))]
    public async Task PutObject_WithUnusualKey_RoundTripsAndListsExactly(string key)
    {
        var bucket = await CreateBucketAsync("keys");
        var body = Encoding.UTF8.GetBytes("body of " + key);

        await PutAsync(bucket, key, body);

        Assert.Equal(body, await GetBytesAsync(bucket, key));
        var head = await S3.GetObjectMetadataAsync(bucket, key);
        Assert.Equal(body.Length, head.ContentLength);
        Assert.Equal([key], await ListAllKeysAsync(bucket));
        var v1 = await S3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket, Prefix = key });
        Assert.Equal([key], (v1.S3Objects ?? []).Select(o => o.Key));

        await S3.DeleteObjectAsync(bucket, key);
        Assert.False(await ExistsAsync(bucket, key));
    }

    [Fact]
    public async Task PutObject_KeysDifferingOnlyInSlashesAndCase_AreDistinctObjects()
    {
        var bucket = await CreateBucketAsync("distinct");
        string[] keys = ["a/b", "a//b", "a/b/", "A/b", "a/B"];

        foreach (var key in keys)
        {
            await PutTextAsync(bucket, key, "value:" + key);
        }

        foreach (var key in keys)
        {
            Assert.Equal("value:" + key, await GetTextAsync(bucket, key));
        }

        Assert.Equal(keys.Order(Utf8Ordinal.Instance), await ListAllKeysAsync(bucket));
    }

    [Theory]
    [InlineData("a", 1023)] // 1,023 one-byte characters
    [InlineData("€", 341)] // 341 three-byte characters = 1,023 bytes
    public async Task PutObject_KeyOf1023Bytes_Succeeds(string unit, int repeat)
    {
        var bucket = await CreateBucketAsync("long-key");
        var key = string.Concat(Enumerable.Repeat(unit, repeat));
        Assert.Equal(1023, Encoding.UTF8.GetByteCount(key));

        await PutTextAsync(bucket, key, "long");

        Assert.Equal("long", await GetTextAsync(bucket, key));
        Assert.Equal([key], await ListAllKeysAsync(bucket));
    }

    [Theory]
    [InlineData("a", 1024)] // 1,024 bytes
    [InlineData("€", 342)] // 342 characters but 1,026 bytes
    public async Task PutObject_KeyOver1023Bytes_FailsWithKeyTooLongError(string unit, int repeat)
    {
        var bucket = await CreateBucketAsync("too-long-key");
        var key = string.Concat(Enumerable.Repeat(unit, repeat));

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "KeyTooLongError", () => PutTextAsync(bucket, key, "x"));

        Assert.Empty(await ListAllKeysAsync(bucket));
    }
}
