using System.Net.Http.Headers;
using Cairn.IntegrationTests.Infrastructure;

namespace Cairn.IntegrationTests.Oss;

/// <summary>
/// The test-side OSS signer agrees with Alibaba's own Node SDK (ali-oss 6.23.0 signUtils, run once with the same
/// fixed inputs to produce these vectors), so the server is checked against an independent oracle.
/// </summary>
public sealed class RawOssSignerTests
{
    private static readonly DateTimeOffset Time = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void V1HeaderSignatureMatchesAliOss()
    {
        var signer = new RawOssSigner("test-ak", "test-secret", securityToken: "tok");
        using var request = new HttpRequestMessage(HttpMethod.Put, "http://127.0.0.1/bkt/dir/a%20b%2B%C3%BC.txt?uploadId=u1&partNumber=3");
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain");
        request.Content.Headers.TryAddWithoutValidation("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==");
        request.Headers.TryAddWithoutValidation("x-oss-meta-Color", " blue ");

        var stringToSign = signer.SignV1(request, Time);

        Assert.Equal("PUT\n1B2M2Y8AsgTpgAmY7PhCfg==\ntext/plain\nWed, 01 May 2024 12:00:00 GMT\nx-oss-date:Wed, 01 May 2024 12:00:00 GMT\n"
            + "x-oss-meta-color:blue\nx-oss-security-token:tok\n/bkt/dir/a b+ü.txt?partNumber=3&uploadId=u1", stringToSign);
        Assert.Equal("OSS test-ak:2PyXyOcx5KeQ85DT6NKcmjiNKYo=", request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public void V1SignedUrlMatchesAliOss()
    {
        var signer = new RawOssSigner("test-ak", "test-secret", securityToken: "tok");

        var url = signer.PresignV1("GET", new Uri("http://127.0.0.1/bkt/k.txt?response-content-type=text%2Fhtml"),
            DateTimeOffset.FromUnixTimeSeconds(1714564800));

        Assert.Contains("Signature=" + RawOssSigner.Encode("TVUG1r5zujxSj37YKkLKu1SvIQ4="), url.Query, StringComparison.Ordinal);
        Assert.Contains("Expires=1714564800", url.Query, StringComparison.Ordinal);
        Assert.Contains("security-token=tok", url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void V4HeaderSignatureMatchesAliOss()
    {
        var signer = new RawOssSigner("test-ak", "test-secret");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/bkt/dir/a%20b%2B%C3%BC.txt?uploads&prefix=a%2Fb%20c");
        request.Headers.Host = "bkt.oss-cn-hangzhou.aliyuncs.com";
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain");
        request.Headers.TryAddWithoutValidation("x-oss-meta-a", "1");

        var canonicalRequest = signer.SignV4(request, Time, additionalHeaders: ["host"]);

        Assert.Equal("POST\n/bkt/dir/a%20b%2B%C3%BC.txt\nprefix=a%2Fb%20c&uploads\ncontent-type:text/plain\n"
            + "host:bkt.oss-cn-hangzhou.aliyuncs.com\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20240501T120000Z\n"
            + "x-oss-meta-a:1\n\nhost\nUNSIGNED-PAYLOAD", canonicalRequest);
        Assert.Equal("OSS4-HMAC-SHA256 Credential=test-ak/20240501/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host,"
            + "Signature=4cfab083e52f8c822dd05d239b4548ade164b77d7fd6903bc0f12cb59b668316",
            request.Headers.GetValues("Authorization").Single());
    }
}
