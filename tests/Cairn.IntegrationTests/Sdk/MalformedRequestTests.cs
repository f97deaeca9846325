using System.Net;
using System.Text;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// Bad control documents and unknown sub-resources over raw HTTP, and the shape every response shares:
/// S3 error XML with a request id, <c>x-amz-request-id</c> on successes too.
/// </summary>
public sealed class MalformedRequestTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public MalformedRequestTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task DeleteObjects_WellFormedRawXml_DeletesListedKeys()
    {
        // Control for the malformed cases: the same request path with a valid document works.
        var bucket = await CreateBucketAsync("delete-raw");
        await PutTextAsync(bucket, "a", "1");
        await PutTextAsync(bucket, "b", "2");

        using var response = await PostDeleteAsync(bucket, "<Delete><Object><Key>a</Key></Object></Delete>");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        XNamespace ns = "http://s3.amazonaws.com/doc/2006-03-01/";
        var root = XElement.Parse(text);
        Assert.Equal(ns + "DeleteResult", root.Name);
        Assert.Equal(["a"], root.Elements(ns + "Deleted").Select(d => d.Element(ns + "Key")!.Value));
        Assert.Equal(["b"], await ListAllKeysAsync(bucket));
    }

    [Theory]
    [InlineData("<Delete><Object><Key>a</Key></Object>")] // not closed
    [InlineData("this is not xml")]
    [InlineData("<Delete><Object><Key>a</Key></Object></Delete><Delete/>")] // two roots
    [InlineData("<Delete></Delete>")] // no objects
    [InlineData("<Remove><Object><Key>a</Key></Object></Remove>")] // wrong root
    public async Task DeleteObjects_WithMalformedXml_FailsWithMalformedXmlAndDeletesNothing(string document)
    {
        var bucket = await CreateBucketAsync("delete-malformed");
        await PutTextAsync(bucket, "a", "1");

        using var response = await PostDeleteAsync(bucket, document);

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
        Assert.Equal(["a"], await ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task DeleteObjects_WithDtd_FailsWithMalformedXmlAndDeletesNothing()
    {
        var bucket = await CreateBucketAsync("delete-dtd");
        await PutTextAsync(bucket, "expanded", "must survive");

        // The entity would expand to an existing key; DTDs must be refused, not processed.
        const string document = "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY k \"expanded\">]>"
            + "<Delete><Object><Key>&k;</Key></Object></Delete>";
        using var response = await PostDeleteAsync(bucket, document);

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
        Assert.Equal("must survive", await GetTextAsync(bucket, "expanded"));
    }

    [Fact]
    public async Task DeleteObjects_WithMoreThan1000Keys_FailsWithMalformedXml()
    {
        var bucket = await CreateBucketAsync("delete-1001");
        await PutTextAsync(bucket, "k0", "x");
        var document = "<Delete>" + string.Concat(Enumerable.Range(0, 1001).Select(i => $"<Object><Key>k{i}</Key></Object>")) + "</Delete>";

        using var response = await PostDeleteAsync(bucket, document);

        await S3Assert.ErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
        Assert.Equal(["k0"], await ListAllKeysAsync(bucket));
    }

    [Theory]
    [InlineData("website")]
    [InlineData("replication")]
    [InlineData("analytics")]
    [InlineData("inventory")]
    public async Task UnknownBucketSubresource_FailsWithNotImplemented(string subresource)
    {
        var bucket = await CreateBucketAsync("subresource");

        using var response = await Raw.SendAsync(HttpMethod.Get, $"/{bucket}?{subresource}");

        await S3Assert.ErrorAsync(response, HttpStatusCode.NotImplemented, "NotImplemented");
    }

    [Fact]
    public async Task ErrorBody_ForMissingBucket_IsS3ErrorXmlWithResourceAndRequestId()
    {
        var missing = UniqueBucketName("absent");

        using var response = await Raw.SendAsync(HttpMethod.Get, $"/{missing}?list-type=2");

        var error = await S3Assert.ErrorAsync(response, HttpStatusCode.NotFound, "NoSuchBucket");
        Assert.Contains(missing, error.Element("Resource")!.Value);
        Assert.DoesNotContain(error.Attributes(), a => a.IsNamespaceDeclaration); // <Error> has no namespace (docs/s3-compatibility.md "Errors")
    }

    [Fact]
    public async Task HeadErrors_HaveStatusAndRequestIdButNoBody()
    {
        var bucket = await CreateBucketAsync("head-errors");

        using var missingKey = await Raw.SendAsync(HttpMethod.Head, RawS3Client.ObjectPath(bucket, "nope"));
        using var missingBucket = await Raw.SendAsync(HttpMethod.Head, "/" + UniqueBucketName("nobucket"));
        using var anonymous = await Raw.SendAnonymousAsync(HttpMethod.Head, "/" + bucket);

        foreach (var (response, status) in new[] { (missingKey, HttpStatusCode.NotFound), (missingBucket, HttpStatusCode.NotFound), (anonymous, HttpStatusCode.Forbidden) })
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            Assert.False(string.IsNullOrEmpty(S3Assert.RequestId(response)), $"HEAD {status} without x-amz-request-id");
        }
    }

    [Fact]
    public async Task SuccessfulResponses_CarryDistinctRequestIds()
    {
        var bucket = await CreateBucketAsync("request-ids");
        var ids = new List<string?>();

        using (var put = await Raw.SendAsync(HttpMethod.Put, RawS3Client.ObjectPath(bucket, "k"), Encoding.UTF8.GetBytes("v")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            ids.Add(S3Assert.RequestId(put));
        }

        foreach (var (method, path) in new[] { (HttpMethod.Get, RawS3Client.ObjectPath(bucket, "k")), (HttpMethod.Head, RawS3Client.ObjectPath(bucket, "k")), (HttpMethod.Get, $"/{bucket}?list-type=2"), (HttpMethod.Delete, RawS3Client.ObjectPath(bucket, "k")) })
        {
            using var response = await Raw.SendAsync(method, path);
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode}");
            ids.Add(S3Assert.RequestId(response));
        }

        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

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
