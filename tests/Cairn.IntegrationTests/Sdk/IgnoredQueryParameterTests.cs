using System.Net;
using System.Text;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Query parameters that are no sub-resource (SDK extras such as <c>x-id</c>, cache busters, anything unknown) are
/// ignored as S3 ignores them: the request does what it would do without them. Sub-resources of features Cairn lacks
/// (<c>?website</c>, <c>?retention</c>...) still answer 501 and never fall through to the plain
/// operation. Raw signed requests, so the parameters reach the server exactly as written.
/// </summary>
public sealed class IgnoredQueryParameterTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly XNamespace S3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public IgnoredQueryParameterTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task ObjectRequests_WithUnknownParameters_WorkAsWithout()
    {
        var bucket = await CreateBucketAsync("extra-params");
        var path = RawS3Client.ObjectPath(bucket, "doc.txt");

        using (var put = await Raw.SendAsync(HttpMethod.Put, path + "?x-id=PutObject&foo=bar", Encoding.UTF8.GetBytes("version 1")))
        {
            Assert.True(put.StatusCode == HttpStatusCode.OK, $"PUT ?x-id=PutObject&foo=bar: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }

        using (var get = await Raw.SendAsync(HttpMethod.Get, path + "?x=1"))
        {
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET ?x=1: {(int)get.StatusCode} {await get.Content.ReadAsStringAsync()}");
            Assert.Equal("version 1", await get.Content.ReadAsStringAsync());
        }

        using (var head = await Raw.SendAsync(HttpMethod.Head, path + "?cache-buster=12345"))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(9, head.Content.Headers.ContentLength);
        }

        using (var delete = await Raw.SendAsync(HttpMethod.Delete, path + "?x=1&x-id=DeleteObject"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.False(await ExistsAsync(bucket, "doc.txt"));
    }

    [Fact]
    public async Task BucketRequests_WithUnknownParameters_WorkAsWithout()
    {
        var bucket = UniqueBucketName("extra-bucket");

        using (var create = await Raw.SendAsync(HttpMethod.Put, "/" + bucket + "?x=1"))
        {
            Assert.True(create.StatusCode == HttpStatusCode.OK, $"PUT /bucket?x=1: {(int)create.StatusCode} {await create.Content.ReadAsStringAsync()}");
        }

        await PutTextAsync(bucket, "a", "1");
        await PutTextAsync(bucket, "b", "2");
        using (var list = await Raw.SendAsync(HttpMethod.Get, "/" + bucket + "?list-type=2&unknown-extra=1&x-id=ListObjectsV2"))
        {
            var text = await list.Content.ReadAsStringAsync();
            Assert.True(list.StatusCode == HttpStatusCode.OK, $"ListObjectsV2 with extras: {(int)list.StatusCode} {text}");
            Assert.Equal(["a", "b"], XElement.Parse(text).Elements(S3Ns + "Contents").Select(c => c.Element(S3Ns + "Key")!.Value));
        }

        foreach (var key in new[] { "a", "b" })
        {
            await S3.DeleteObjectAsync(bucket, key);
        }

        using (var delete = await Raw.SendAsync(HttpMethod.Delete, "/" + bucket + "?x=1"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var buckets = await S3.ListBucketsAsync();
        Assert.DoesNotContain(bucket, (buckets.Buckets ?? []).Select(b => b.BucketName));
    }

    [Fact]
    public async Task SubresourcesOfMissingFeatures_StillAnswer501_AlongsideIgnoredParameters()
    {
        var bucket = await CreateBucketAsync("subresource");
        await PutTextAsync(bucket, "k", "original");
        var path = RawS3Client.ObjectPath(bucket, "k");

        // The same extra parameter that is ignored on a plain GET...
        using (var get = await Raw.SendAsync(HttpMethod.Get, path + "?x=1&x-id=GetObject"))
        {
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET ?x=1&x-id=GetObject: {(int)get.StatusCode} {await get.Content.ReadAsStringAsync()}");
        }

        // ...does not turn a sub-resource of a missing feature into the plain operation.
        (HttpMethod Method, string PathAndQuery, string? Body)[] refused =
        [
            (HttpMethod.Put, path + "?retention", "not an object body"),
            (HttpMethod.Get, "/" + bucket + "?website&x=1", null),
        ];
        foreach (var (method, pathAndQuery, body) in refused)
        {
            using var response = await Raw.SendAsync(method, pathAndQuery, body is null ? null : Encoding.UTF8.GetBytes(body));
            await S3Assert.ErrorAsync(response, HttpStatusCode.NotImplemented, "NotImplemented");
        }

        // A sub-resource Cairn has is its own operation, never the plain one: ?tagging reads and writes tags...
        using (var putTags = await Raw.SendAsync(HttpMethod.Put, path + "?tagging&x-id=PutObjectTagging", Encoding.UTF8.GetBytes("<Tagging><TagSet/></Tagging>")))
        {
            Assert.Equal(HttpStatusCode.OK, putTags.StatusCode);
        }

        using (var getTags = await Raw.SendAsync(HttpMethod.Get, path + "?tagging&x-id=GetObjectTagging"))
        {
            Assert.Contains("<Tagging", await getTags.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var deleteTags = await Raw.SendAsync(HttpMethod.Delete, path + "?tagging&x=1"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleteTags.StatusCode);
        }

        // ...and PUT ?acl reads an ACL, not an object.
        using (var acl = await Raw.SendAsync(HttpMethod.Put, path + "?acl&x-id=PutObjectAcl", Encoding.UTF8.GetBytes("not an object body")))
        {
            await S3Assert.ErrorAsync(acl, HttpStatusCode.BadRequest, "MalformedACLError");
        }

        // PUT ?lifecycle reads a lifecycle document (which needs its Content-MD5), never an object.
        using (var lifecycle = await Raw.SendAsync(HttpMethod.Put, "/" + bucket + "?lifecycle&x-id=PutBucketLifecycleConfiguration", Encoding.UTF8.GetBytes("<LifecycleConfiguration/>")))
        {
            await S3Assert.ErrorAsync(lifecycle, HttpStatusCode.BadRequest, "InvalidRequest");
        }

        Assert.Equal("original", await GetTextAsync(bucket, "k"));
        Assert.Equal(["k"], await ListAllKeysAsync(bucket));
    }
}
