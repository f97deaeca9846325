using System.Net;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>How a <see cref="RawOssClient"/> request is signed.</summary>
public enum OssSigning
{
    V1,
    V4,
}

/// <summary>
/// Sends hand-made OSS requests (path given as already-encoded <c>/bucket/key?query</c>, or <c>/key</c> with a
/// virtual-hosted Host) over a plain <see cref="HttpClient"/>, signed with <see cref="RawOssSigner"/>.
/// </summary>
public sealed class RawOssClient : IDisposable
{
    public RawOssClient(Uri baseAddress, RawOssSigner signer)
    {
        BaseAddress = baseAddress;
        Signer = signer;
        Http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public RawOssClient(CairnServerFixture fixture)
        : this(fixture.BaseAddress, new RawOssSigner(fixture.AccessKey, fixture.SecretKey))
    {
    }

    public Uri BaseAddress { get; }

    public RawOssSigner Signer { get; }

    public HttpClient Http { get; }

    /// <summary>Path-style <c>/bucket/key</c> with the key encoded the way SDKs do it ('/' kept).</summary>
    public static string ObjectPath(string bucket, string key) =>
        "/" + bucket + "/" + RawOssSigner.Encode(key).Replace("%2F", "/", StringComparison.Ordinal);

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>
    /// Builds, signs and sends a request. <paramref name="configure"/> runs before signing; with
    /// <paramref name="virtualHostBucket"/> the Host header names the bucket as ali-oss sends it for an IP endpoint.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        byte[]? body = null,
        Action<HttpRequestMessage>? configure = null,
        OssSigning signing = OssSigning.V1,
        RawOssSigner? signer = null,
        DateTimeOffset? time = null,
        string? virtualHostBucket = null)
    {
        var request = new HttpRequestMessage(method, Url(pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        if (virtualHostBucket is not null)
        {
            request.Headers.Host = virtualHostBucket + ".oss-cn-hangzhou.aliyuncs.com";
        }

        configure?.Invoke(request);
        if (signing == OssSigning.V1)
        {
            (signer ?? Signer).SignV1(request, time, virtualHostBucket);
        }
        else
        {
            (signer ?? Signer).SignV4(request, time, virtualHostBucket);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Sends a request as it is: no signature (signed URLs carry theirs in the query).</summary>
    public Task<HttpResponseMessage> SendUnsignedAsync(HttpMethod method, Uri url) => Http.SendAsync(new HttpRequestMessage(method, url));

    public void Dispose() => Http.Dispose();
}
