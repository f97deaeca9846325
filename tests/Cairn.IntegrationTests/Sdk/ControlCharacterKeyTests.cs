using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.S3.Model;
using Cairn.Core.Model;
using Cairn.Core.Multipart;
using Cairn.Core.Ports;
using Cairn.IntegrationTests.Clients;
using Cairn.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Keys with control characters. A new key must be one every listing can carry, so characters XML 1.0 cannot
/// represent are refused where keys are created, and nothing is stored. Tab, CR and LF are allowed and every
/// listing gives them back exactly, with and without <c>encoding-type=url</c>, and DeleteObjects names them.
/// A key with such a character stored before the rule is still reachable: by path, as a character reference in
/// DeleteObjects, and in listings with <c>encoding-type=url</c>; a listing that cannot show it says so (never 500).
/// </summary>
public sealed class ControlCharacterKeyTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private const string S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>Keys with the control characters an XML listing can carry (CR as a character reference).</summary>
    private static readonly string[] WhitespaceKeys = ["tab\there", "cr\rhere", "lf\nhere", "crlf\r\nhere", "ends-with-cr\r", "\r\n\t-only-controls"];

    private const string LegacyKey = "bad\u0001name";

    private readonly ITestOutputHelper _output;

    public ControlCharacterKeyTests(CairnServerFixture fixture, ITestOutputHelper output)
        : base(fixture)
    {
        _output = output;
    }

    /// <summary>The list operations, as the query that selects them.</summary>
    public static TheoryData<string> Listings => new() { "list-type=2", "", "versions", "uploads" };

    /// <summary>U+0000 is left out: Kestrel refuses a request target holding %00 before Cairn sees it.</summary>
    [Theory]
    [InlineData(0x01)]
    [InlineData(0x08)]
    [InlineData(0x0B)]
    [InlineData(0x0C)]
    [InlineData(0x0E)]
    [InlineData(0x1F)]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    public async Task PutObject_KeyWithCharacterXmlCannotCarry_FailsWithInvalidArgumentAndStoresNothing(int codePoint)
    {
        var bucket = await CreateBucketAsync("ctl-put");
        var key = "bad" + (char)codePoint + "name";

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidArgument", () => PutTextAsync(bucket, key, "x"));

        Assert.Empty(await ListKeysAsync(bucket, "list-type=2", url: true));
    }

    [Fact]
    public async Task CopyObject_ToKeyWithControlCharacter_FailsWithInvalidArgumentAndStoresNothing()
    {
        var bucket = await CreateBucketAsync("ctl-copy");
        await PutTextAsync(bucket, "source", "x");

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidArgument",
            () => S3.CopyObjectAsync(bucket, "source", bucket, LegacyKey));

        Assert.Equal(["source"], await ListKeysAsync(bucket, "list-type=2", url: true));
    }

    [Fact]
    public async Task CreateMultipartUpload_ForKeyWithControlCharacter_FailsWithInvalidArgumentAndCreatesNoUpload()
    {
        var bucket = await CreateBucketAsync("ctl-mpu");

        await S3Assert.ThrowsAsync(HttpStatusCode.BadRequest, "InvalidArgument",
            () => S3.InitiateMultipartUploadAsync(bucket, LegacyKey));

        Assert.Empty(await ListKeysAsync(bucket, "uploads", url: true));
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task KeysWithTabCrLf_EveryListingReadsThemBackExactly(string listing)
    {
        var bucket = await CreateBucketAsync("ctl-list");
        await StoreWhitespaceKeysAsync(bucket, listing);
        var expected = WhitespaceKeys.Order(Utf8Ordinal.Instance).ToList();

        Assert.Equal(expected, await ListKeysAsync(bucket, listing, url: false));
        Assert.Equal(expected, await ListKeysAsync(bucket, listing, url: true));
    }

    [Fact]
    public async Task KeysWithTabCrLf_ListAndDeleteThroughTheSdk()
    {
        var bucket = await CreateBucketAsync("ctl-sdk");
        await StoreWhitespaceKeysAsync(bucket, "list-type=2");
        var expected = WhitespaceKeys.Order(Utf8Ordinal.Instance).ToList();

        Assert.Equal(expected, await ListAllKeysAsync(bucket));
        var v1 = await S3.ListObjectsAsync(new ListObjectsRequest { BucketName = bucket });
        Assert.Equal(expected, (v1.S3Objects ?? []).Select(o => o.Key));
        var versions = await S3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket });
        Assert.Equal(expected, (versions.Versions ?? []).Select(v => v.Key));

        var deleted = await S3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = WhitespaceKeys.Select(k => new KeyVersion { Key = k }).ToList(),
        });

        Assert.Empty(deleted.DeleteErrors ?? []);
        Assert.Empty(await ListKeysAsync(bucket, "list-type=2", url: true));
    }

    [Fact]
    public async Task DeleteObjects_KeysNamedWithCharacterReferences_DeletesThem()
    {
        var bucket = await CreateBucketAsync("ctl-delete");
        await StoreWhitespaceKeysAsync(bucket, "list-type=2");
        await PutTextAsync(bucket, "cr\nhere-survives", "x");

        var objects = string.Concat(WhitespaceKeys.Select(k => $"<Object><Key>{CharacterReferences(k)}</Key></Object>"));
        using var response = await PostDeleteAsync(bucket, $"<Delete xmlns=\"{S3Namespace}\">{objects}</Delete>");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["cr\nhere-survives"], await ListKeysAsync(bucket, "list-type=2", url: true));
    }

    [SkippableFact]
    public async Task Boto3_ControlCharacterKeyRefused_TabCrLfKeysListExactly()
    {
        var bucket = await CreateBucketAsync("ctl-boto3");
        using var boto3 = new Boto3Script(Fixture, _output);

        var result = await boto3.RunAsync("""
            from botocore.handlers import set_list_objects_encoding_type_url
            bucket, keys = sys.argv[2], json.loads(sys.argv[3])
            out = {"bad": outcome(lambda: s3.put_object(Bucket=bucket, Key="bad\x01name", Body=b"x"))}
            for k in keys:
                s3.put_object(Bucket=bucket, Key=k, Body=b"x")
            out["url"] = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
            plain = boto3.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
            for op in ("ListObjects", "ListObjectsV2", "ListObjectVersions"):
                plain.meta.events.unregister("before-parameter-build.s3." + op, set_list_objects_encoding_type_url)
            out["plain_v2"] = [o["Key"] for o in plain.list_objects_v2(Bucket=bucket).get("Contents", [])]
            out["plain_v1"] = [o["Key"] for o in plain.list_objects(Bucket=bucket).get("Contents", [])]
            out["plain_versions"] = [v["Key"] for v in plain.list_object_versions(Bucket=bucket).get("Versions", [])]
            # botocore writes a raw CR into the DeleteObjects document, which XML reads as LF: delete those by path.
            with_cr = [k for k in keys if "\r" in k]
            batch = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys if k not in with_cr]})
            out["delete_errors"] = batch.get("Errors", [])
            for k in with_cr:
                s3.delete_object(Bucket=bucket, Key=k)
            out["left"] = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
            print(json.dumps(out))
            """, bucket, System.Text.Json.JsonSerializer.Serialize(WhitespaceKeys));

        var expected = WhitespaceKeys.Order(Utf8Ordinal.Instance).ToList();
        Assert.Equal("InvalidArgument", result.GetProperty("bad").GetString());
        foreach (var listing in new[] { "url", "plain_v2", "plain_v1", "plain_versions" })
        {
            Assert.Equal(expected, result.GetProperty(listing).EnumerateArray().Select(k => k.GetString()));
        }

        Assert.Equal(0, result.GetProperty("delete_errors").GetArrayLength());
        Assert.Equal(0, result.GetProperty("left").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task LegacyControlCharacterKey_ListedWithoutEncodingType_FailsWithInvalidArgumentNamingEncodingTypeUrl(string listing)
    {
        var bucket = await CreateBucketAsync("ctl-legacy-plain");
        await PlantLegacyKeyAsync(bucket, listing);

        using var response = await Raw.SendAsync(HttpMethod.Get, $"/{bucket}?{listing}");

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Contains("encoding-type=url", error.Element("Message")!.Value);
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task LegacyControlCharacterKey_ListedWithEncodingTypeUrl_ShowsPercent01(string listing)
    {
        var bucket = await CreateBucketAsync("ctl-legacy-url");
        await PlantLegacyKeyAsync(bucket, listing);

        using var response = await Raw.SendAsync(HttpMethod.Get, $"/{bucket}?{Query(listing, "encoding-type=url")}");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal(["bad%01name"], KeysIn(XElement.Parse(text)));
    }

    [Fact]
    public async Task LegacyControlCharacterKey_DeleteObjectByPath_RemovesIt()
    {
        var bucket = await CreateBucketAsync("ctl-legacy-del");
        await PlantLegacyKeyAsync(bucket, "list-type=2");

        using (var get = await Raw.SendAsync(HttpMethod.Get, $"/{bucket}/bad%01name"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("legacy", await get.Content.ReadAsStringAsync());
        }

        using (var delete = await Raw.SendAsync(HttpMethod.Delete, $"/{bucket}/bad%01name"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Empty(await ListKeysAsync(bucket, "list-type=2", url: true));
    }

    [Fact]
    public async Task LegacyControlCharacterKey_DeleteObjectsWithCharacterReference_RemovesIt()
    {
        var bucket = await CreateBucketAsync("ctl-legacy-batch");
        await PlantLegacyKeyAsync(bucket, "list-type=2");

        using var response = await PostDeleteAsync(bucket, "<Delete><Object><Key>bad&#x1;name</Key></Object></Delete>");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Empty(XElement.Parse(text).Elements(XName.Get("Error", S3Namespace)));
        Assert.Empty(await ListKeysAsync(bucket, "list-type=2", url: true));
    }

    private static string Query(string listing, string extra) => listing.Length == 0 ? extra : listing + "&" + extra;

    /// <summary>The key with every character outside printable ASCII written as a numeric character reference.</summary>
    private static string CharacterReferences(string key) =>
        string.Concat(key.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"&#{(int)c};"));

    /// <summary>Stores <see cref="WhitespaceKeys"/> as objects, or as multipart uploads for the "uploads" listing.</summary>
    private async Task StoreWhitespaceKeysAsync(string bucket, string listing)
    {
        foreach (var key in WhitespaceKeys)
        {
            if (listing == "uploads")
            {
                await S3.InitiateMultipartUploadAsync(bucket, key);
            }
            else
            {
                await PutTextAsync(bucket, key, "x");
            }
        }
    }

    /// <summary>
    /// A key with U+0001 as it exists when it was stored before such keys were refused: written through the
    /// server's metadata store, past the rule for new keys (an upload for the "uploads" listing).
    /// </summary>
    private async Task PlantLegacyKeyAsync(string bucket, string listing)
    {
        var now = DateTimeOffset.UtcNow;
        if (listing == "uploads")
        {
            await Fixture.Host.Services.GetRequiredService<IUploadStore>().CreateUploadAsync(new UploadRecord { UploadId = UploadIds.New(now), Bucket = bucket, Key = LegacyKey, InitiatedAt = now, Owner = Fixture.AccessKey }, CancellationToken.None);
            return;
        }

        var content = Encoding.UTF8.GetBytes("legacy");
        await Fixture.Host.Services.GetRequiredService<IObjectStore>().PutObjectAsync(new ObjectRecord
        {
            Bucket = bucket,
            Key = LegacyKey,
            Size = content.Length,
            ETag = TestChecksums.Md5Hex(content),
            LastModified = now,
            Owner = Fixture.AccessKey,
            InlineContent = content,
        }, CancellationToken.None);
    }

    /// <summary>The keys a listing shows, read by an XML parser over raw HTTP and URL-decoded when asked for.</summary>
    private async Task<List<string>> ListKeysAsync(string bucket, string listing, bool url)
    {
        using var response = await Raw.SendAsync(HttpMethod.Get, $"/{bucket}?{(url ? Query(listing, "encoding-type=url") : listing)}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /{bucket}?{listing} (url: {url}): {(int)response.StatusCode} {text}");
        var keys = KeysIn(XElement.Parse(text));
        return url ? keys.Select(Uri.UnescapeDataString).ToList() : keys;
    }

    private static List<string> KeysIn(XElement listing) =>
        listing.Elements()
            .Where(e => e.Name.LocalName is "Contents" or "Version" or "Upload")
            .Select(e => e.Element(XName.Get("Key", S3Namespace))!.Value)
            .ToList();

    private async Task<HttpResponseMessage> PostDeleteAsync(string bucket, string document)
    {
        var body = Encoding.UTF8.GetBytes(document);
        return await Raw.SendAsync(
            HttpMethod.Post,
            $"/{bucket}?delete",
            body,
            configure: r => r.Content!.Headers.TryAddWithoutValidation("Content-MD5", TestChecksums.Md5Base64(body)));
    }
}
