using System.Net;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// ListObjectsV2 with an empty <c>continuation-token=</c> (some paginators send it on the first page) lists from the
/// start, honouring start-after, and echoes an empty ContinuationToken element as S3 does.
/// </summary>
public sealed class ListObjectsEmptyContinuationTokenTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    private static readonly XNamespace S3Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public ListObjectsEmptyContinuationTokenTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Theory]
    [InlineData("", new[] { "a", "b", "c" })]
    [InlineData("&start-after=a", new[] { "b", "c" })]
    [InlineData("&max-keys=2", new[] { "a", "b" })]
    public async Task ListObjectsV2_WithEmptyContinuationToken_ListsFromTheStartAndEchoesTheEmptyToken(string extra, string[] expected)
    {
        var bucket = await CreateBucketAsync("empty-token");
        foreach (var key in new[] { "a", "b", "c" })
        {
            await PutTextAsync(bucket, key, key);
        }

        using var response = await Raw.SendAsync(HttpMethod.Get, "/" + bucket + "?list-type=2&continuation-token=" + extra);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var root = XElement.Parse(text);
        Assert.Equal(expected, root.Elements(S3Ns + "Contents").Select(c => c.Element(S3Ns + "Key")!.Value));
        var token = root.Element(S3Ns + "ContinuationToken");
        Assert.True(token is not null, "the empty continuation-token is not echoed: " + text);
        Assert.Equal(string.Empty, token.Value);
    }
}
