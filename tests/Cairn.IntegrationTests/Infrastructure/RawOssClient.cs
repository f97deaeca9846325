using System.Net;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// Hand-made OSS requests against a test server: path-style <c>/bucket/key</c>, signed with OSS V1 by
/// <see cref="RawOssSigner"/> (or sent anonymously), so each test sees exactly the headers and documents OSS clients do.
/// </summary>
public sealed class RawOssClient : IDisposable
{
    public RawOssClient(CairnServerFixture fixture)
    {
        BaseAddress = fixture.BaseAddress;
        Signer = new RawOssSigner(fixture.AccessKey, fixture.SecretKey);
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

    public RawOssSigner Signer { get; }

    public HttpClient Http { get; }

    /// <summary>Path-style <c>/bucket/key</c> with the key percent-encoded ('/' kept), as OSS SDKs send it.</summary>
    public static string ObjectPath(string bucket, string key) =>
        "/" + bucket + "/" + string.Join('/', key.Split('/').Select(RawOssSigner.Encode));

    /// <summary>
    /// Builds, signs (V1) and sends a request; <paramref name="configure"/> runs before signing, so the x-oss-*,
    /// Content-Type and Content-MD5 headers it sets are signed. <paramref name="body"/> null sends no body.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body = null,
        Action<HttpRequestMessage>? configure = null, bool anonymous = false)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseAddress, pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        configure?.Invoke(request);
        if (!anonymous)
        {
            Signer.SignV1(request);
        }

        return Http.SendAsync(request);
    }

    public void Dispose() => Http.Dispose();
}
