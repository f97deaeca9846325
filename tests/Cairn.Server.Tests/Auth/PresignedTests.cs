using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3.Auth;
using Microsoft.AspNetCore.Http;
using static Cairn.Server.Tests.Auth.AuthTestKit;

namespace Cairn.Server.Tests.Auth;

/// <summary>AWS's published presigned GET example (sigv4-query-string-auth) and the expiry rules of docs/s3-compatibility.md "Presigned URLs".</summary>
public sealed class PresignedTests
{
    private const string ExampleSignature = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    [Fact]
    public async Task PresignedGetExampleVerifies()
    {
        var request = Presigned("86400", ExampleSignature);

        var result = Authenticator(ExampleTime.AddHours(1)).Authenticate(request, "examplebucket");

        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
        Assert.Equal(PayloadMode.Unsigned, result.PayloadMode);
        Assert.Empty(await ReadAllAsync(result.WrapBody(request.Body)));
    }

    [Fact]
    public void ParameterOrderDoesNotMatter()
    {
        var request = Request("GET",
            $"/test.txt?X-Amz-Signature={ExampleSignature}&X-Amz-SignedHeaders=host&X-Amz-Expires=86400&X-Amz-Date=20130524T000000Z&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Algorithm=AWS4-HMAC-SHA256",
            [("Host", "examplebucket.s3.amazonaws.com")]);

        Assert.Equal(AccessKeyId, Authenticator(ExampleTime).Authenticate(request, null).Principal.AccessKeyId);
    }

    [Fact]
    public void ExpiredPresignIsAccessDenied()
    {
        var ex = Throws(ErrorCode.AccessDenied,
            () => Authenticator(ExampleTime.AddSeconds(86401)).Authenticate(Presigned("86400", ExampleSignature), null));

        Assert.Equal("Request has expired", ex.Detail);
    }

    [Fact]
    public void PresignDatedInTheFutureIsAccessDenied()
    {
        Throws(ErrorCode.AccessDenied,
            () => Authenticator(ExampleTime.AddMinutes(-16)).Authenticate(Presigned("86400", ExampleSignature), null));

        // Within the allowed skew it is fine.
        Assert.Equal(AccessKeyId, Authenticator(ExampleTime.AddMinutes(-14)).Authenticate(Presigned("86400", ExampleSignature), null).Principal.AccessKeyId);
    }

    [Theory]
    [InlineData("604801")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("soon")]
    public void ExpiresOutOfRangeIsAuthorizationQueryParametersError(string expires)
    {
        Throws(ErrorCode.AuthorizationQueryParametersError,
            () => Authenticator(ExampleTime).Authenticate(Presigned(expires, ExampleSignature), null));
    }

    [Fact]
    public void MissingParameterIsAuthorizationQueryParametersError()
    {
        var request = Request("GET", "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + ExampleSignature,
            [("Host", "examplebucket.s3.amazonaws.com")]);

        Throws(ErrorCode.AuthorizationQueryParametersError, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    [Fact]
    public void WrongPresignedSignatureIsSignatureDoesNotMatch()
    {
        Throws(ErrorCode.SignatureDoesNotMatch,
            () => Authenticator(ExampleTime).Authenticate(Presigned("86400", "0" + ExampleSignature[1..]), null));
    }

    [Fact]
    public void ChangedHostIsSignatureDoesNotMatch()
    {
        var request = Presigned("86400", ExampleSignature);
        request.Headers.Host = "otherbucket.s3.amazonaws.com";

        Throws(ErrorCode.SignatureDoesNotMatch, () => Authenticator(ExampleTime).Authenticate(request, null));
    }

    private static HttpRequest Presigned(string expires, string signature) => Request("GET",
        "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
        + $"&X-Amz-Date=20130524T000000Z&X-Amz-Expires={expires}&X-Amz-SignedHeaders=host&X-Amz-Signature={signature}",
        [("Host", "examplebucket.s3.amazonaws.com")]);
}
