using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Iam;

/// <summary>
/// Admin API calls written by hand: a form body POSTed to "/" and signed with SigV4 for service "iam" (or not
/// signed at all), the answer kept as status and XML so tests can check IAM's exact shapes. With a session token the
/// key is a temporary credential: the token goes in x-amz-security-token, signed.
/// </summary>
public sealed class RawIamClient(Uri endpoint, string? accessKey, string? secretKey, string? sessionToken = null) : IDisposable
{
    public static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task<IamAnswer> CallAsync(string action, params (string Name, string Value)[] parameters) =>
        await PostAsync([("Action", action), ("Version", "2010-05-08"), .. parameters]);

    public async Task<IamAnswer> PostAsync(IEnumerable<(string Name, string Value)> form, Action<HttpRequestMessage>? alter = null)
    {
        var body = string.Join('&', form.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/"));
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        if (sessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("x-amz-security-token", sessionToken);
        }

        if (accessKey is not null && secretKey is not null)
        {
            new RawS3Signer(accessKey, secretKey, service: "iam").Sign(request, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        alter?.Invoke(request);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new IamAnswer(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType,
            response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.Single() : null);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One admin API answer: status, body and the parts tests check.</summary>
public sealed record IamAnswer(HttpStatusCode Status, string Body, string? MediaType, string? RequestIdHeader)
{
    public XDocument Xml => XDocument.Parse(Body);

    /// <summary>The Result element of a successful answer to <paramref name="action"/>.</summary>
    public XElement Result(string action)
    {
        Assert.True(Status == HttpStatusCode.OK, $"{action} answered {(int)Status}:\n{Body}");
        var root = Xml.Root!;
        Assert.Equal(RawIamClient.Ns + action + "Response", root.Name);
        return root.Element(RawIamClient.Ns + action + "Result") ?? new XElement(RawIamClient.Ns + action + "Result");
    }

    /// <summary>The text of a descendant element of the answer.</summary>
    public string? Text(string name) => Xml.Descendants(RawIamClient.Ns + name).FirstOrDefault()?.Value;

    /// <summary>Asserts IAM's error shape with <paramref name="code"/> and <paramref name="status"/>; returns the message.</summary>
    public string AssertError(HttpStatusCode status, string code)
    {
        Assert.True(Status == status, $"expected {(int)status} {code}, got {(int)Status}:\n{Body}");
        var root = Xml.Root!;
        Assert.Equal(RawIamClient.Ns + "ErrorResponse", root.Name);
        var error = root.Element(RawIamClient.Ns + "Error")!;
        Assert.Equal((int)status >= 500 ? "Receiver" : "Sender", error.Element(RawIamClient.Ns + "Type")?.Value);
        Assert.Equal(code, error.Element(RawIamClient.Ns + "Code")?.Value);
        Assert.False(string.IsNullOrEmpty(root.Element(RawIamClient.Ns + "RequestId")?.Value));
        Assert.Equal(root.Element(RawIamClient.Ns + "RequestId")?.Value, RequestIdHeader);
        return error.Element(RawIamClient.Ns + "Message")!.Value;
    }
}
