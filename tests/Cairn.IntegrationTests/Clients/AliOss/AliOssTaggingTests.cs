using System.Text.Json;
using Xunit.Abstractions;
using static Cairn.IntegrationTests.Clients.AliOss.AliOssAssert;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// ali-oss, unmodified, tagging objects and buckets against Cairn (docs/tagging.md): x-oss-tagging on a put, the
/// x-oss-tagging-count a HEAD answers, putObjectTagging/getObjectTagging/deleteObjectTagging and
/// putBucketTags/getBucketTags/deleteBucketTags, with V1 and V4 signatures.
/// </summary>
public sealed class AliOssTaggingTests(AliOssServerFixture server, ITestOutputHelper output)
    : IClassFixture<AliOssServerFixture>, IDisposable
{
    private readonly AliOssScript _oss = new(output);

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tags_are_put_read_replaced_and_deleted_on_objects_and_buckets(bool v4)
    {
        var bucket = await server.CreateBucketAsync();
        var connection = await AliOssConnection.ForAsync(server, bucket, temporaryCredentials: false, v4, pathStyle: false);

        var result = await _oss.RunAsync(connection, "tagging", "docs/tagged.txt");

        Ok(result, "put");
        Assert.Equal(new Dictionary<string, string> { ["stage"] = "raw", ["team"] = "a b" }, TagsOf(Ok(result, "putTags")));
        Assert.Equal("2", Text(Ok(result, "putHead"), "count"));
        Assert.Equal(200, Ok(result, "replace").GetProperty("status").GetInt32());
        Assert.Equal(new Dictionary<string, string> { ["project"] = "cairn", ["a b"] = "c/d" }, TagsOf(Ok(result, "replaced")));
        Assert.Equal(204, Ok(result, "remove").GetProperty("status").GetInt32());
        Assert.Empty(TagsOf(Ok(result, "removed")));
        Assert.Null(Text(Ok(result, "removedHead"), "count"));

        Assert.Equal(200, Ok(result, "putBucket").GetProperty("status").GetInt32());
        Assert.Equal(new Dictionary<string, string> { ["env"] = "test", ["owner"] = "qa" }, TagsOf(Ok(result, "bucketTags")));
        Assert.Equal(204, Ok(result, "deleteBucket").GetProperty("status").GetInt32());
        Assert.Empty(TagsOf(Ok(result, "bucketAfter")));
    }

    public void Dispose() => _oss.Dispose();

    private static Dictionary<string, string> TagsOf(JsonElement step) =>
        step.GetProperty("tag").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
