using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace Cairn.Bench.Http;

/// <summary>The two ways the bench talks to Cairn: one shared HttpClient for the raw path, and AWSSDK.S3 clients.</summary>
internal static class HttpClients
{
    /// <summary>
    /// HTTP/1.1 over a pool of up to 256 connections per server (64 requests in flight plus headroom), no proxy,
    /// cookies or decompression; a 30-minute timeout so 1 GiB bodies on a loaded machine never time out.
    /// </summary>
    public static HttpClient CreateRaw() =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            Timeout = TimeSpan.FromMinutes(30),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

    /// <summary>An AWSSDK.S3 client with its default signing and checksum behaviour, path-style, as a user would configure it.</summary>
    public static AmazonS3Client CreateSdk(Uri endpoint, string accessKey, string secretKey) =>
        new(new BasicAWSCredentials(accessKey, secretKey), new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            Timeout = TimeSpan.FromMinutes(30),
            MaxConnectionsPerServer = 256,
            MaxErrorRetry = 0,
        });
}
