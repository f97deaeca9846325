using System.Net;
using System.Security.Cryptography;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// Sends hand-made S3 requests (path given as already-encoded <c>/bucket/key?query</c>) over a plain
/// <see cref="HttpClient"/>, signed with <see cref="RawS3Signer"/> unless asked not to.
/// </summary>
public sealed class RawS3Client : IDisposable
{
    public RawS3Client(CairnServerFixture fixture)
    {
        BaseAddress = fixture.BaseAddress;
        Signer = new RawS3Signer(fixture.AccessKey, fixture.SecretKey);
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

    public Uri BaseAddress { get; }

    public RawS3Signer Signer { get; }

    public HttpClient Http { get; }

    /// <summary>Path-style <c>/bucket/key</c> with the key encoded the way SDKs do it ('/' kept).</summary>
    public static string ObjectPath(string bucket, string key) => "/" + bucket + "/" + RawS3Signer.UriEncode(key, encodeSlash: false);

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>
    /// Builds, signs and sends a request. <paramref name="payloadHash"/> defaults to the hex SHA-256 of the
    /// body; <paramref name="configure"/> runs before signing (headers set there are signed when they are
    /// x-amz-*, Content-Type or Content-MD5).
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        byte[]? body = null,
        Action<HttpRequestMessage>? configure = null,
        RawS3Signer? signer = null,
        DateTimeOffset? time = null,
        string? payloadHash = null)
    {
        var request = CreateRequest(method, pathAndQuery, body);
        configure?.Invoke(request);
        (signer ?? Signer).Sign(request, payloadHash ?? Convert.ToHexStringLower(SHA256.HashData(body ?? [])), time);
        return Http.SendAsync(request);
    }

    /// <summary>Sends a request with no authentication at all.</summary>
    public Task<HttpResponseMessage> SendAnonymousAsync(HttpMethod method, string pathAndQuery, byte[]? body = null)
    {
        return Http.SendAsync(CreateRequest(method, pathAndQuery, body));
    }

    public void Dispose() => Http.Dispose();

    private HttpRequestMessage CreateRequest(HttpMethod method, string pathAndQuery, byte[]? body)
    {
        var request = new HttpRequestMessage(method, Url(pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        return request;
    }
}
