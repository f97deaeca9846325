using Cairn.IntegrationTests.Infrastructure;
using Cairn.Server.Hosting;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// A test server for ali-oss: the usual one, with upload callbacks allowed to reach 127.0.0.1, where the tests'
/// app server listens (loopback is refused by default).
/// </summary>
public sealed class AliOssServerFixture : CairnServerFixture
{
    /// <summary>A new bucket with a name ali-oss accepts, made through the S3 dialect by the root user.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var bucket = "alioss-" + Guid.NewGuid().ToString("N")[..10];
        using var s3 = CreateClient();
        await s3.PutBucketAsync(bucket);
        return bucket;
    }

    protected override void Configure(CairnOptions options) => options.Oss.Callback.AllowedHosts = "127.0.0.1";
}
