using System.Text.Json;
using Xunit.Abstractions;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>ali-oss's putBucketLifecycle, getBucketLifecycle and deleteBucketLifecycle against a real Cairn.</summary>
public sealed class AliOssLifecycleTests(AliOssServerFixture server, ITestOutputHelper output)
    : IClassFixture<AliOssServerFixture>, IDisposable
{
    private readonly AliOssScript _oss = new(output);

    [SkippableFact]
    public async Task Rules_put_with_ali_oss_read_back_and_are_deleted()
    {
        var bucket = await server.CreateBucketAsync();

        var result = await _oss.RunAsync(await AliOssConnection.ForAsync(server, bucket), "lifecycle");

        Assert.True(result.GetProperty("put").GetProperty("ok").GetBoolean(), result.ToString());
        var rules = result.GetProperty("get").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["expire-logs", "abort-uploads", "dated"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("logs/", rules[0].GetProperty("prefix").GetString());
        Assert.Equal("30", rules[0].GetProperty("expiration").GetProperty("days").GetString());
        Assert.Equal("cold", rules[0].GetProperty("tag")[0].GetProperty("value").GetString());
        Assert.Equal("Disabled", rules[1].GetProperty("status").GetString());
        Assert.Equal("7", rules[1].GetProperty("abortMultipartUpload").GetProperty("days").GetString());
        Assert.Equal("2024-01-01T00:00:00.000Z", rules[2].GetProperty("expiration").GetProperty("createdBeforeDate").GetString());
        Assert.Equal(204, result.GetProperty("delete").GetProperty("status").GetInt32());
        var gone = result.GetProperty("gone");
        Assert.False(gone.GetProperty("ok").GetBoolean());
        Assert.Equal((404, "NoSuchLifecycle"), (gone.GetProperty("status").GetInt32(), gone.GetProperty("code").GetString()));
    }

    public void Dispose() => _oss.Dispose();
}
