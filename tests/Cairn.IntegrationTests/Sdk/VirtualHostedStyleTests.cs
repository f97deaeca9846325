using System.Net;
using System.Text;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Virtual-hosted-style addressing (docs/s3-compatibility.md "Addressing") with <c>Domain = s3.cairn.test</c>: the bucket comes from
/// the signed Host header <c>bucket.s3.cairn.test:port</c> while the connection goes to 127.0.0.1.
/// The SDK cannot resolve such names, so these requests are made with the raw signer.
/// </summary>
public sealed class VirtualHostedStyleTests : SdkTestBase, IClassFixture<VirtualHostServerFixture>
{
    private static readonly XNamespace S3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public VirtualHostedStyleTests(VirtualHostServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task VirtualHostedListObjectsV2_ListsTheBucketFromTheHostHeader()
    {
        var bucket = await CreateBucketAsync("vhost-list");
        await PutManyAsync(bucket, ["docs/a.txt", "docs/b.txt", "top.txt"]);
        await CreateBucketAsync("vhost-other"); // a second bucket that must not leak into the listing

        using var response = await SendVirtualAsync(HttpMethod.Get, bucket, "/?list-type=2&prefix=docs%2F");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = XElement.Parse(text);
        Assert.Equal(S3Ns + "ListBucketResult", root.Name);
        Assert.Equal(bucket, root.Element(S3Ns + "Name")?.Value);
        Assert.Equal(["docs/a.txt", "docs/b.txt"], root.Elements(S3Ns + "Contents").Select(c => c.Element(S3Ns + "Key")!.Value));
    }

    [Fact]
    public async Task VirtualHostedGet_ReturnsObjectBytes()
    {
        var bucket = await CreateBucketAsync("vhost-get");
        var body = DeterministicStream.Slice(8, 0, 10_000);
        await PutAsync(bucket, "folder/file name.bin", body);

        using var response = await SendVirtualAsync(HttpMethod.Get, bucket, "/" + RawS3Signer.UriEncode("folder/file name.bin", encodeSlash: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task VirtualHostedPut_StoresObjectReadablePathStyle()
    {
        var bucket = await CreateBucketAsync("vhost-put");
        var body = Encoding.UTF8.GetBytes("written through the bucket's own host name");

        using var response = await SendVirtualAsync(HttpMethod.Put, bucket, "/written.txt", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await GetBytesAsync(bucket, "written.txt"));
    }

    [Fact]
    public async Task VirtualHostedGet_MissingKey_FailsWithNoSuchKey()
    {
        var bucket = await CreateBucketAsync("vhost-missing");

        using var response = await SendVirtualAsync(HttpMethod.Get, bucket, "/absent.txt");

        await S3Assert.ErrorAsync(response, HttpStatusCode.NotFound, "NoSuchKey");
    }

    [Fact]
    public async Task VirtualHostedRequest_ForMissingBucket_FailsWithNoSuchBucket()
    {
        using var response = await SendVirtualAsync(HttpMethod.Get, UniqueBucketName("vhost-none"), "/?list-type=2");

        await S3Assert.ErrorAsync(response, HttpStatusCode.NotFound, "NoSuchBucket");
    }

    [Fact]
    public async Task RequestToTheBareDomain_ListsBuckets()
    {
        var bucket = await CreateBucketAsync("vhost-bare");

        using var response = await SendAsync(HttpMethod.Get, $"{VirtualHostServerFixture.Domain}:{Fixture.BaseAddress.Port}", "/");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(bucket, XElement.Parse(text).Descendants(S3Ns + "Name").Select(e => e.Value));
    }

    [Fact]
    public async Task PathStyle_StillWorksWhenADomainIsConfigured()
    {
        var bucket = await CreateBucketAsync("vhost-path");
        await PutTextAsync(bucket, "k", "path style");

        Assert.Equal("path style", await GetTextAsync(bucket, "k"));
        Assert.Equal(["k"], await ListAllKeysAsync(bucket));
    }

    private Task<HttpResponseMessage> SendVirtualAsync(HttpMethod method, string bucket, string pathAndQuery, byte[]? body = null) =>
        SendAsync(method, $"{bucket}.{VirtualHostServerFixture.Domain}:{Fixture.BaseAddress.Port}", pathAndQuery, body);

    /// <summary>Connects to the fixture's 127.0.0.1 address but sends (and signs) the given Host header.</summary>
    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string host, string pathAndQuery, byte[]? body = null)
    {
        return Raw.SendAsync(method, pathAndQuery, body, configure: r => r.Headers.Host = host);
    }
}
