using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Cors;

/// <summary>Unsigned requests written byte for byte, as a browser sends a preflight, and the rules the tests set.</summary>
internal static class CorsRequests
{
    public const string Vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    /// <summary>Sends <c>OPTIONS target</c> (or another method) with the given headers on a fresh connection.</summary>
    public static async Task<RawHttpResponse> SendAsync(Uri baseAddress, string method, string target, string? host = null, params (string Name, string Value)[] headers)
    {
        await using var connection = await RawHttpConnection.OpenAsync(baseAddress);
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(host ?? baseAddress.Authority).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await connection.WriteAsync(Encoding.Latin1.GetBytes(head.Append("\r\n").ToString()));
        return await connection.ReadResponseAsync(head: method == "HEAD");
    }

    public static Task PutRulesAsync(AmazonS3Client s3, string bucket, params CORSRule[] rules) =>
        s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new CORSConfiguration { Rules = [.. rules] },
        });
}
