using Cairn.Core.Errors;
using static Cairn.Server.Tests.Auth.AuthTestKit;
using static Cairn.Server.Tests.Dialects.Oss.OssAuthTestKit;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>OSS signature V1 in the header and in signed URLs: ali-oss's signatures verify, every failure has its answer.</summary>
public sealed class OssV1AuthTests
{
    private const string PutTarget = "/bkt/dir/a%20b%2B%C3%BC.txt?partNumber=3&uploadId=u1";
    private const string PutSignature = "92G/zN5/uBWwo+B9kfoepberq7M=";

    private static (string, string)[] PutHeaders(string host, string signature) =>
    [
        ("Host", host),
        ("Content-Type", "text/plain"),
        ("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="),
        ("x-oss-date", V1Date),
        ("x-oss-meta-color", "blue"),
        ("Authorization", $"OSS {AccessKeyId}:{signature}"),
    ];

    [Fact]
    public void PathStyleHeaderSignatureVerifies()
    {
        var result = Authenticate(Request("PUT", PutTarget, PutHeaders("127.0.0.1:9000", PutSignature)));

        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
        Assert.Equal("OSS", result.SignatureVersion);
        Assert.Equal("REST-HEADER", result.AuthType);
    }

    [Fact]
    public void VirtualHostedHeaderSignatureCoversTheSameResource()
    {
        var result = Authenticate(Request("PUT", "/dir/a%20b%2B%C3%BC.txt?uploadId=u1&partNumber=3",
            PutHeaders("bkt.oss-cn-hangzhou.aliyuncs.com", PutSignature)));

        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
    }

    [Theory]
    [InlineData("/bkt/?acl")]
    [InlineData("/bkt?acl")]
    [InlineData("/bkt?acl=")]
    public void BucketResourceEndsWithSlashAndKeepsSubResources(string target)
    {
        var result = Authenticate(Request("GET", target,
            [("x-oss-date", V1Date), ("Authorization", $"OSS {AccessKeyId}:8fHq+Ps7MW+QRo5jQ5/pGJ1RMwQ=")]));

        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
    }

    [Fact]
    public void PagingParametersAreNotSigned()
    {
        var result = Authenticate(Request("GET", "/bkt/?prefix=a%2F&max-keys=10&marker=b",
            [("x-oss-date", V1Date), ("Authorization", $"OSS {AccessKeyId}:pxjfP1A/dgR6EtxbvQSz2RfLSnQ=")]));

        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
    }

    [Fact]
    public void DateHeaderIsTheDateLineWhenPresent()
    {
        // HMAC-SHA1 of "GET\n\n\n<date>\n/bkt/": the Date header in the date line, no x-oss-* header at all.
        var result = Authenticate(Request("GET", "/bkt/", [("Date", V1Date), ("Authorization", $"OSS {AccessKeyId}:LhsNC1mJUos29a7ItMqB4EVdVJU=")]));

        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
    }

    [Fact]
    public void WrongSignatureShowsWhatWasSigned()
    {
        var e = Throws(ErrorCode.SignatureDoesNotMatch,
            () => Authenticate(Request("PUT", PutTarget, PutHeaders("127.0.0.1", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="))));

        Assert.Equal("PUT\n1B2M2Y8AsgTpgAmY7PhCfg==\ntext/plain\n" + V1Date + "\nx-oss-date:" + V1Date
            + "\nx-oss-meta-color:blue\n/bkt/dir/a b+ü.txt?partNumber=3&uploadId=u1", e.Extra!["StringToSign"]);
        Assert.Equal("AAAAAAAAAAAAAAAAAAAAAAAAAAA=", e.Extra["SignatureProvided"]);
        Assert.StartsWith("50 55 54 0A", e.Extra["StringToSignBytes"], StringComparison.Ordinal);
        Assert.Equal(AccessKeyId, e.Extra["OSSAccessKeyId"]);
    }

    [Fact]
    public void SignedHeaderChangedAfterSigningFails()
    {
        var headers = PutHeaders("127.0.0.1", PutSignature);
        headers[4] = ("x-oss-meta-color", "red");

        Throws(ErrorCode.SignatureDoesNotMatch, () => Authenticate(Request("PUT", PutTarget, headers)));
    }

    [Fact]
    public void SkewedClockIsRefusedWithServerTime()
    {
        var e = Throws(ErrorCode.RequestTimeTooSkewed,
            () => Authenticate(Request("PUT", PutTarget, PutHeaders("127.0.0.1", PutSignature)), VectorTime.AddMinutes(16)));

        Assert.Equal("2024-05-01T12:16:00Z", e.Extra!["ServerTime"]);
        Assert.Equal(V1Date, e.Extra["RequestTime"]);
        Assert.Equal("900000", e.Extra["MaxAllowedSkewMilliseconds"]);
    }

    [Fact]
    public void MissingDateIsAccessDenied() =>
        Throws(ErrorCode.AccessDenied, () => Authenticate(Request("GET", "/bkt/", [("Authorization", $"OSS {AccessKeyId}:pxjfP1A/dgR6EtxbvQSz2RfLSnQ=")])));

    [Fact]
    public void UnknownKeyIsInvalidAccessKeyIdInOssWords()
    {
        var e = Throws(ErrorCode.InvalidAccessKeyId,
            () => Authenticate(Request("GET", "/bkt/", [("x-oss-date", V1Date), ("Authorization", "OSS nobody:pxjfP1A/dgR6EtxbvQSz2RfLSnQ=")])));

        Assert.Equal("The OSS Access Key Id you provided does not exist in our records.", e.Message);
        Assert.Equal("nobody", e.Extra!["OSSAccessKeyId"]);
    }

    [Theory]
    [InlineData("OSS nocolon")]
    [InlineData("OSS key:")]
    public void MalformedHeaderIsInvalidArgument(string authorization) =>
        Throws(ErrorCode.InvalidArgument, () => Authenticate(Request("GET", "/bkt/", [("x-oss-date", V1Date), ("Authorization", authorization)])));

    [Fact]
    public void SignedUrlVerifies()
    {
        var result = Authenticate(Request("GET", UrlTarget("ih/TjI/olU+SJN3VAYROyUyJM3A="), []));

        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
        Assert.Equal("REST-QUERY-STRING", result.AuthType);
    }

    [Fact]
    public void SignedUrlWithUnescapedPlusStillVerifies() =>
        Assert.Equal(AccessKeyId, Authenticate(Request("GET",
            $"/bkt/k.txt?OSSAccessKeyId={AccessKeyId}&Expires=1714564800&Signature=ih/TjI/olU+SJN3VAYROyUyJM3A=", [])).Principal.AccessKeyId);

    [Fact]
    public void ExpiredSignedUrlIsAccessDenied()
    {
        var e = Throws(ErrorCode.AccessDenied,
            () => Authenticate(Request("GET", UrlTarget("ih/TjI/olU+SJN3VAYROyUyJM3A="), []), DateTimeOffset.FromUnixTimeSeconds(1714564801)));

        Assert.Equal("Request has expired.", e.Message);
    }

    [Fact]
    public void SignedUrlForAnotherKeyFails() =>
        Throws(ErrorCode.SignatureDoesNotMatch,
            () => Authenticate(Request("GET", UrlTarget("ih/TjI/olU+SJN3VAYROyUyJM3A=").Replace("/k.txt", "/other.txt", StringComparison.Ordinal), [])));

    [Fact]
    public void SignedUrlAndHeaderTogetherAreRefused() =>
        Throws(ErrorCode.InvalidArgument, () => Authenticate(Request("GET", UrlTarget("ih/TjI/olU+SJN3VAYROyUyJM3A="),
            [("x-oss-date", V1Date), ("Authorization", $"OSS {AccessKeyId}:pxjfP1A/dgR6EtxbvQSz2RfLSnQ=")])));

    [Fact]
    public void SignedUrlWithoutSignatureIsAccessDenied() =>
        Throws(ErrorCode.AccessDenied, () => Authenticate(Request("GET", $"/bkt/k.txt?OSSAccessKeyId={AccessKeyId}&Expires=1714564800", [])));

    [Fact]
    public void UnsignedRequestIsAnonymous() =>
        Assert.True(Authenticate(Request("GET", "/bkt/k.txt", [])).Principal.IsAnonymous);

    private static string UrlTarget(string signature) =>
        $"/bkt/k.txt?OSSAccessKeyId={AccessKeyId}&Expires=1714564800&Signature={Uri.EscapeDataString(signature)}";
}
