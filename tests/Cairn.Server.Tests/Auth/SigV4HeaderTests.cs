using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Time.Testing;
using static Cairn.Server.Tests.Auth.AuthTestKit;

namespace Cairn.Server.Tests.Auth;

/// <summary>AWS's published S3 SigV4 header examples (sig-v4-header-based-auth) and the failures around them.</summary>
public sealed class SigV4HeaderTests
{
    private const string EmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string WelcomeSha = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";

    [Fact]
    public void GetObjectExampleWithRangeVerifies()
    {
        var result = Authenticator(ExampleTime).Authenticate(GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"), "examplebucket");

        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
        Assert.False(result.Principal.IsAnonymous);
        Assert.Null(result.DecodedContentLength);
        Assert.Null(result.DeclaredTrailer);
    }

    [Theory]
    [InlineData("/test%24file.text")]
    [InlineData("/test$file.text")] // sent unencoded, signed encoded once
    public async Task PutObjectExampleVerifiesAndPassesTheBody(string rawTarget)
    {
        var request = PutObject(rawTarget, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", Ascii("Welcome to Amazon S3."));

        var result = Authenticator(ExampleTime).Authenticate(request, "examplebucket");

        Assert.Equal("Welcome to Amazon S3.", System.Text.Encoding.ASCII.GetString(await ReadAllAsync(result.WrapBody(request.Body))));
    }

    [Theory]
    [InlineData("/?lifecycle", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")]
    [InlineData("/?max-keys=2&prefix=J", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")]
    [InlineData("/?prefix=J&max-keys=2", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")]
    public void BucketExamplesWithQueriesVerify(string rawTarget, string signature)
    {
        var request = Request("GET", rawTarget,
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("x-amz-content-sha256", EmptySha),
            ("x-amz-date", "20130524T000000Z"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature={signature}"),
        ]);

        Assert.Equal(AccessKeyId, Authenticator(ExampleTime).Authenticate(request, "examplebucket").Principal.AccessKeyId);
    }

    [Fact]
    public void WrongSignatureIsSignatureDoesNotMatch()
    {
        var ex = Throws(ErrorCode.SignatureDoesNotMatch,
            () => Authenticator(ExampleTime).Authenticate(GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42"), null));

        Assert.Contains("AWS4-HMAC-SHA256\n20130524T000000Z", ex.Extra!["StringToSign"]);
        Assert.StartsWith("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n", ex.Extra["CanonicalRequest"]);
    }

    [Fact]
    public void TamperedSignedHeaderIsSignatureDoesNotMatch()
    {
        var request = GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        request.Headers.Range = "bytes=0-10";

        Throws(ErrorCode.SignatureDoesNotMatch, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    [Fact]
    public void UnknownKeyIsInvalidAccessKeyId()
    {
        var authenticator = AuthTestKit.Authenticator(
            new TestIdentityStore(("SOMEOTHERKEY", Secret)), new FakeTimeProvider(ExampleTime));

        Throws(ErrorCode.InvalidAccessKeyId,
            () => authenticator.Authenticate(GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"), null));
    }

    [Theory]
    [InlineData(16, true)]
    [InlineData(-16, true)]
    [InlineData(14, false)]
    [InlineData(-14, false)]
    public void ClockSkewBeyondFifteenMinutesIsRejected(int minutes, bool rejected)
    {
        var authenticator = Authenticator(ExampleTime.AddMinutes(minutes));
        var request = GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");

        if (rejected)
        {
            var ex = Throws(ErrorCode.RequestTimeTooSkewed, () => authenticator.Authenticate(request, null));
            Assert.Equal("900000", ex.Extra!["MaxAllowedSkewMilliseconds"]);
        }
        else
        {
            Assert.Equal(AccessKeyId, authenticator.Authenticate(request, null).Principal.AccessKeyId);
        }
    }

    [Fact]
    public void MissingContentSha256IsInvalidRequest()
    {
        var request = GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        request.Headers.Remove("x-amz-content-sha256");

        var ex = Throws(ErrorCode.InvalidRequest, () => Authenticator(ExampleTime).Authenticate(request, null));
        Assert.Equal("Missing required header for this request: x-amz-content-sha256", ex.Detail);
    }

    [Theory]
    [InlineData("not-a-hash", ErrorCode.InvalidArgument)]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85", ErrorCode.InvalidArgument)]
    [InlineData("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", ErrorCode.NotImplemented)]
    [InlineData("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER", ErrorCode.NotImplemented)]
    public void BadContentSha256ValuesAreRejected(string value, ErrorCode expected)
    {
        var request = GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        request.Headers["x-amz-content-sha256"] = value;

        Throws(expected, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE/20130525/us-east-1/s3/aws4_request")] // scope day differs from x-amz-date
    [InlineData("AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/ec2/aws4_request")]
    [InlineData("AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws5_request")]
    [InlineData("AKIAIOSFODNN7EXAMPLE/20130524/s3/aws4_request")]
    public void MalformedCredentialScopeIsAuthorizationHeaderMalformed(string credential)
    {
        var request = GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        request.Headers.Authorization = $"AWS4-HMAC-SHA256 Credential={credential},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

        Throws(ErrorCode.AuthorizationHeaderMalformed, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 garbage")]
    public void IncompleteAuthorizationIsMalformed(string header)
    {
        var request = GetObject("unused");
        request.Headers.Authorization = header;

        Throws(ErrorCode.AuthorizationHeaderMalformed, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    [Fact]
    public void UnsignedHostIsRejected()
    {
        var request = GetObject("unused");
        request.Headers.Authorization = $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/20130524/us-east-1/s3/aws4_request,SignedHeaders=range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

        Throws(ErrorCode.AuthorizationHeaderMalformed, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    [Fact]
    public void UnknownSchemeIsInvalidArgumentAndSigV4aIsNotImplemented()
    {
        var request = GetObject("unused");
        request.Headers.Authorization = "Bearer abc";
        Throws(ErrorCode.InvalidArgument, () => Authenticator(ExampleTime).Authenticate(request, null));

        request.Headers.Authorization = "AWS4-ECDSA-P256-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/s3/aws4_request, SignedHeaders=host, Signature=00";
        Throws(ErrorCode.NotImplemented, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    [Fact]
    public async Task HexPayloadMismatchFailsAtEndOfStream()
    {
        var request = PutObject("/test%24file.text", "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", Ascii("Welcome to Amazon S3!"));
        var body = Authenticator(ExampleTime).Authenticate(request, "examplebucket").WrapBody(request.Body);

        // Every byte is handed out; the read that would report EOF throws.
        var buffer = new byte[64];
        Assert.Equal(21, await body.ReadAsync(buffer.AsMemory()));
        var ex = await ThrowsAsync(ErrorCode.XAmzContentSHA256Mismatch, () => body.ReadAsync(buffer.AsMemory()).AsTask());
        Assert.Equal(WelcomeSha, ex.Extra!["ClientComputedContentSHA256"]);
        await ThrowsAsync(ErrorCode.XAmzContentSHA256Mismatch, () => body.ReadAsync(buffer.AsMemory()).AsTask());
    }

    [Fact]
    public async Task PlainBodyShorterThanContentLengthIsIncompleteBody()
    {
        var request = PutObject("/test%24file.text", "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", Ascii("Welcome to Amazon S3."));
        request.ContentLength = 30;
        var body = Authenticator(ExampleTime).Authenticate(request, "examplebucket").WrapBody(request.Body);

        await ThrowsAsync(ErrorCode.IncompleteBody, () => ReadAllAsync(body));
    }

    [Fact]
    public void DateHeaderIsUsedWithoutXAmzDate()
    {
        var headers = new List<(string Name, string Value)>
        {
            ("date", "Fri, 24 May 2013 00:00:00 GMT"),
            ("host", "examplebucket.s3.amazonaws.com"),
            ("x-amz-content-sha256", EmptySha),
        };
        var signature = TestSigner.Sign("GET", "/test.txt", string.Empty, headers, EmptySha);
        var request = Request("GET", "/test.txt", headers.Append(("Authorization", TestSigner.Authorization(headers, signature))));

        Assert.Equal(AccessKeyId, Authenticator(ExampleTime.AddMinutes(5)).Authenticate(request, null).Principal.AccessKeyId);
        Throws(ErrorCode.RequestTimeTooSkewed, () => Authenticator(ExampleTime.AddHours(1)).Authenticate(request, null));
    }

    [Fact]
    public void RepeatedHeadersAndWhitespaceAreCanonicalised()
    {
        // Signed as "x-amz-meta-a:one two,three" (trimmed, runs collapsed, values joined with ',').
        var signedForm = new List<(string Name, string Value)>
        {
            ("host", "localhost"),
            ("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
            ("x-amz-date", TestSigner.AmzDate),
            ("x-amz-meta-a", "one two,three"),
        };
        var signature = TestSigner.Sign("GET", "/b/k", string.Empty, signedForm, "UNSIGNED-PAYLOAD");
        var request = Request("GET", "/b/k",
        [
            ("Host", "localhost"),
            ("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
            ("x-amz-date", TestSigner.AmzDate),
            ("x-amz-meta-a", "  one    two "),
            ("x-amz-meta-a", "three"),
            ("Authorization", TestSigner.Authorization(signedForm, signature)),
        ]);

        Assert.Equal(AccessKeyId, Authenticator(ExampleTime).Authenticate(request, null).Principal.AccessKeyId);
    }

    [Fact]
    public async Task RequestWithoutSignatureIsAnonymousAndPassesTheBodyThrough()
    {
        var request = Request("PUT", "/bucket/key", [("Host", "localhost")], Ascii("hello"));

        var result = Authenticator(ExampleTime).Authenticate(request, null);

        Assert.True(result.Principal.IsAnonymous);
        Assert.Null(result.Principal.AccessKeyId);
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(await ReadAllAsync(result.WrapBody(request.Body))));
    }

    [Fact]
    public void TwoAuthorizationHeadersAreRejected()
    {
        var request = GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        request.Headers.Append("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=");

        Throws(ErrorCode.InvalidArgument, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    [Fact]
    public void HeaderAndQueryAuthTogetherAreRejected()
    {
        var request = GetObject("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget =
            "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256";

        Throws(ErrorCode.InvalidArgument, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    private static HttpRequest PutObject(string rawTarget, string signature, byte[] body)
    {
        var request = Request("PUT", rawTarget,
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
            ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("x-amz-content-sha256", WelcomeSha),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature={signature}"),
        ], body);
        request.ContentLength = body.Length;
        return request;
    }
}
