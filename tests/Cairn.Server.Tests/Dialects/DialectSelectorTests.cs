using Cairn.Server.Dialects;
using Cairn.Server.Dialects.S3;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Dialects;

/// <summary>
/// Which dialect answers a request: the one whose signature it carries, else the one whose header family it
/// carries, else the default (S3). A second dialect registered beside S3 takes exactly the requests signed its way.
/// </summary>
public class DialectSelectorTests
{
    private const string SigV4 =
        "AWS4-HMAC-SHA256 Credential=AKID/20240501/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc";

    private static readonly S3Dialect S3 = TestDialects.S3();

    public static TheoryData<string, string> S3Requests => new()
    {
        { "Authorization: " + SigV4, "" },
        { "Authorization: AWS AKID:c2lnbmF0dXJl", "" },
        { "", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240501%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc" },
        { "", "AWSAccessKeyId=AKID&Expires=1714564800&Signature=abc%3D" },
        { "x-amz-content-sha256: UNSIGNED-PAYLOAD", "" },
        { "", "" },
        { "Authorization: Bearer token", "" },
    };

    [Theory]
    [MemberData(nameof(S3Requests))]
    public void S3_answers_sigv4_sigv2_presigned_and_anonymous_requests(string headerLine, string query)
    {
        var selector = new DialectSelector([S3], fallback: S3);

        Assert.Same(S3, selector.Select(Request(headerLine, query)));
    }

    [Theory]
    [MemberData(nameof(S3Requests))]
    public void A_second_dialect_leaves_s3_requests_to_s3(string headerLine, string query)
    {
        var selector = new DialectSelector([S3, new FakeOssDialect()], fallback: S3);

        Assert.Same(S3, selector.Select(Request(headerLine, query)));
    }

    [Fact]
    public void A_request_signed_in_the_second_dialects_scheme_goes_to_it()
    {
        var oss = new FakeOssDialect();
        var selector = new DialectSelector([S3, oss], fallback: S3);

        Assert.Same(oss, selector.Select(Request("Authorization: OSS AKID:c2lnbmF0dXJl", "")));
    }

    [Fact]
    public void A_signature_outweighs_a_header_family()
    {
        var oss = new FakeOssDialect();
        var selector = new DialectSelector([S3, oss], fallback: S3);

        var request = Request("Authorization: OSS AKID:c2lnbmF0dXJl", "");
        request.Headers["x-amz-meta-color"] = "blue";

        Assert.Same(oss, selector.Select(request));
    }

    [Fact]
    public void The_header_family_decides_an_unsigned_request()
    {
        var oss = new FakeOssDialect();
        var selector = new DialectSelector([S3, oss], fallback: S3);

        Assert.Same(oss, selector.Select(Request("x-oss-meta-color: blue", "")));
    }

    [Fact]
    public void A_request_nobody_claims_goes_to_the_default_even_when_it_is_registered_last()
    {
        var oss = new FakeOssDialect();
        var selector = new DialectSelector([oss, S3], fallback: S3);

        Assert.Same(S3, selector.Select(Request("", "")));
    }

    /// <summary>A request with at most one "Name: value" header line and a query string.</summary>
    internal static HttpRequest Request(string headerLine, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/b/k";
        context.Request.QueryString = query.Length > 0 ? new QueryString("?" + query) : QueryString.Empty;
        if (headerLine.Length > 0)
        {
            var colon = headerLine.IndexOf(':', StringComparison.Ordinal);
            context.Request.Headers[headerLine[..colon]] = headerLine[(colon + 1)..].Trim();
        }

        return context.Request;
    }
}
