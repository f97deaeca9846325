using Amazon.SecurityToken.Model;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.IntegrationTests.Sts;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// How an ali-oss script reaches the test server: endpoint, keys (long-term, or temporary with their security
/// token), bucket, V1 or V4 signatures, and addressing. An IP endpoint makes ali-oss address the bucket by its
/// Host header (<c>bucket.oss-cn-hangzhou.aliyuncs.com</c>); path style (<c>sldEnable</c>) uses a host name endpoint,
/// <c>localhost</c>, since ali-oss replaces the Host header of every request to an IP endpoint.
/// </summary>
public sealed record AliOssConnection(
    Uri Endpoint, string AccessKeyId, string AccessKeySecret, string Bucket, string? SecurityToken, bool V4, bool PathStyle)
{
    /// <summary>The environment the fixture's lib/settings.js reads.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["CAIRN_OSS_ENDPOINT"] = Endpoint.GetLeftPart(UriPartial.Authority),
        ["CAIRN_OSS_ACCESS_KEY_ID"] = AccessKeyId,
        ["CAIRN_OSS_ACCESS_KEY_SECRET"] = AccessKeySecret,
        ["CAIRN_OSS_STS_TOKEN"] = SecurityToken,
        ["CAIRN_OSS_BUCKET"] = Bucket,
        ["CAIRN_OSS_V4"] = V4 ? "1" : null,
        ["CAIRN_OSS_PATH_STYLE"] = PathStyle ? "1" : null,
    };

    /// <summary>
    /// A connection to <paramref name="server"/>'s listener with the root keys, or with temporary credentials that
    /// STS (GetSessionToken, AWSSDK.SecurityToken) issued for them.
    /// </summary>
    public static async Task<AliOssConnection> ForAsync(
        CairnServerFixture server, string bucket, bool temporaryCredentials = false, bool v4 = false, bool pathStyle = false)
    {
        var port = server.BaseAddress.Port;
        var endpoint = new Uri(pathStyle ? $"http://localhost:{port}" : $"http://127.0.0.1:{port}");
        if (!temporaryCredentials)
        {
            return new(endpoint, server.AccessKey, server.SecretKey, bucket, null, v4, pathStyle);
        }

        using var sts = StsTestSupport.Root(server.Host);
        var session = await sts.GetSessionTokenAsync(new GetSessionTokenRequest { DurationSeconds = 900 });
        var credentials = session.Credentials;
        return new(endpoint, credentials.AccessKeyId, credentials.SecretAccessKey, bucket, credentials.SessionToken, v4, pathStyle);
    }
}
