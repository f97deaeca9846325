using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Cairn.Bench.Http;

/// <summary>
/// The two IAM query actions the bench needs (CreateUser, CreateAccessKey), as root, over the server's admin API:
/// a form POST to <c>/</c> signed with SigV4 for service <c>iam</c>, the payload hash taken over the form as IAM
/// clients do.
/// </summary>
internal sealed class IamClient(HttpClient http, Uri endpoint, string accessKey, string secretKey)
{
    private const string Region = "us-east-1";

    /// <summary>Creates a user; returns its canonical id.</summary>
    public async Task<string> CreateUserAsync(string name, CancellationToken cancellationToken)
    {
        var result = await CallAsync("CreateUser", [("UserName", name)], cancellationToken);
        return Element(result, "UserId");
    }

    /// <summary>Creates an access key for the user; returns the key id and secret.</summary>
    public async Task<(string AccessKeyId, string Secret)> CreateAccessKeyAsync(string userName, CancellationToken cancellationToken)
    {
        var result = await CallAsync("CreateAccessKey", [("UserName", userName)], cancellationToken);
        return (Element(result, "AccessKeyId"), Element(result, "SecretAccessKey"));
    }

    private async Task<XDocument> CallAsync(string action, IReadOnlyList<(string Name, string Value)> parameters, CancellationToken cancellationToken)
    {
        var form = string.Join('&', new[] { ("Action", action), ("Version", "2010-05-08") }.Concat(parameters)
            .Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2)));
        var body = Encoding.UTF8.GetBytes(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        Sign(request, body);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchHttpException($"IAM {action}: HTTP {(int)response.StatusCode} {text}", response.StatusCode);
        }

        return XDocument.Parse(text);
    }

    private void Sign(HttpRequestMessage request, byte[] body)
    {
        var host = request.RequestUri!.Authority;
        var amzDate = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var scope = $"{day}/{Region}/iam/aws4_request";
        const string signedHeaders = "content-type;host;x-amz-date";
        var canonical = string.Join('\n',
            "POST", "/", "",
            "content-type:application/x-www-form-urlencoded; charset=utf-8", "host:" + host, "x-amz-date:" + amzDate, "",
            signedHeaders, Convert.ToHexStringLower(SHA256.HashData(body)));
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope,
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), day);
        foreach (var part in new[] { Region, "iam", "aws4_request" })
        {
            key = Hmac(key, part);
        }

        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Element(XDocument document, string name) =>
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value
        ?? throw new InvalidOperationException($"The IAM answer has no <{name}>.");
}
