using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// Hand-made OSS requests to a test server, path-style and signed with OSS V1 through <see cref="RawOssClient"/> (with
/// the root keys), headers given as name/value pairs, and answers read as OSS's un-namespaced documents.
/// </summary>
internal sealed class OssRawClient(RawOssClient client) : IDisposable
{
    public OssRawClient(CairnServerFixture fixture)
        : this(new RawOssClient(fixture))
    {
    }

    public static string ObjectPath(string bucket, string key) => RawS3Client.ObjectPath(bucket, key);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body = null, params (string Name, string Value)[] headers) =>
        client.SendAsync(method, pathAndQuery, body, request =>
        {
            if (request.Content is not null)
            {
                request.Content.Headers.ContentType = null;
            }

            foreach (var (name, value) in headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content ??= new ByteArrayContent([]);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
        });

    /// <summary>Sends and reads the answer's document; fails with the answer's text when the status is not <paramref name="expected"/>.</summary>
    public async Task<(HttpResponseMessage Response, XElement Document)> SendForDocumentAsync(
        HttpMethod method, string pathAndQuery, byte[]? body = null, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK,
        params (string Name, string Value)[] headers)
    {
        var response = await SendAsync(method, pathAndQuery, body, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {pathAndQuery}: {(int)response.StatusCode} {text}");
        return (response, XElement.Parse(text));
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : throw new Xunit.Sdk.XunitException($"The answer has no {name} header.");

    public void Dispose() => client.Dispose();
}
