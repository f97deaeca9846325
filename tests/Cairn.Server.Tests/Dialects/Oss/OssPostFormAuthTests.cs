using Cairn.Core.Errors;
using Cairn.Server.Dialects.Oss.Auth;
using Cairn.Server.Dialects.S3.Auth;
using Cairn.Server.Tests.Auth;
using Microsoft.Extensions.Time.Testing;
using static Cairn.Server.Tests.Auth.AuthTestKit;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>
/// An OSS form upload's signature over its policy (V1: base64 HMAC-SHA1; V4: hex HMAC-SHA256 with the scope's key),
/// with vectors from ali-oss 6.23.0's signUtils, and the fields a signed form must carry.
/// </summary>
public sealed class OssPostFormAuthTests
{
    private const string Policy = "eyJleHBpcmF0aW9uIjoiMjAzMC0wMS0wMVQwMDowMDowMC4wMDBaIiwiY29uZGl0aW9ucyI6W1sic3RhcnRzLXdpdGgiLCIka2V5IiwidXAvIl1dfQ==";
    private const string V1Signature = "Qqwxg68/j/IT+OgIdWWQ3aqR6Og=";
    private const string V4Signature = "a149e0faee1c0976326dce35110fdb96fa10ccd1ee2bffaf955d66964b8cd380";

    private static Dictionary<string, string> V1(string signature = V1Signature) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["key"] = "up/a.txt",
        ["policy"] = Policy,
        ["OSSAccessKeyId"] = AccessKeyId,
        ["Signature"] = signature,
    };

    private static Dictionary<string, string> V4(string signature = V4Signature, string date = "20240501T120000Z") => new(StringComparer.OrdinalIgnoreCase)
    {
        ["key"] = "up/a.txt",
        ["policy"] = Policy,
        ["x-oss-signature-version"] = "OSS4-HMAC-SHA256",
        ["x-oss-credential"] = $"{AccessKeyId}/20240501/cn-hangzhou/oss/aliyun_v4_request",
        ["x-oss-date"] = date,
        ["x-oss-signature"] = signature,
    };

    [Fact]
    public void V1FormVerifies()
    {
        var result = Verify(V1());

        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
        Assert.Equal("OSS", result.SignatureVersion);
        Assert.Equal("POST", result.AuthType);
    }

    [Fact]
    public void V4FormVerifies() => Assert.Equal("OSS4-HMAC-SHA256", Verify(V4()).SignatureVersion);

    [Fact]
    public void FieldNamesIgnoreCase()
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["policy"] = Policy,
            ["ossaccesskeyid"] = AccessKeyId,
            ["signature"] = V1Signature,
        };

        Assert.Equal(AccessKeyId, Verify(fields).Principal.AccessKeyId);
    }

    [Fact]
    public void ForgedV1SignatureShowsThePolicyAsTheStringToSign()
    {
        var e = Throws(ErrorCode.SignatureDoesNotMatch, () => Verify(V1(Convert.ToBase64String(new byte[20]))));

        Assert.Equal(Policy, e.Extra!["StringToSign"]);
    }

    [Fact]
    public void ForgedV4SignatureFails() => Throws(ErrorCode.SignatureDoesNotMatch, () => Verify(V4(new string('0', 64))));

    [Fact]
    public void V4DateOffTheCredentialDayIsInvalidArgument() =>
        Throws(ErrorCode.InvalidArgument, () => Verify(V4(date: "20240502T000000Z")));

    [Fact]
    public void AnonymousFormHasNoPrincipal() =>
        Assert.True(Verify(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["key"] = "a" }).Principal.IsAnonymous);

    [Fact]
    public void PolicyWithoutSignatureIsInvalidArgument() =>
        Throws(ErrorCode.InvalidArgument, () => Verify(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["policy"] = Policy }));

    [Fact]
    public void SignatureWithoutPolicyIsInvalidArgument()
    {
        var fields = V1();
        fields.Remove("policy");

        Throws(ErrorCode.InvalidArgument, () => Verify(fields));
    }

    [Fact]
    public void BothWaysOfSigningAreRefused()
    {
        var fields = V1();
        foreach (var (name, value) in V4())
        {
            fields.TryAdd(name, value);
        }

        Throws(ErrorCode.InvalidArgument, () => Verify(fields));
    }

    [Fact]
    public void UnknownKeyIsInvalidAccessKeyId()
    {
        var fields = V1();
        fields["OSSAccessKeyId"] = "nobody";

        Throws(ErrorCode.InvalidAccessKeyId, () => Verify(fields));
    }

    private static AuthResult Verify(Dictionary<string, string> fields)
    {
        var time = new FakeTimeProvider(OssAuthTestKit.VectorTime);
        var authenticator = new OssAuthenticator(new AccessKeyResolver(new TestIdentityStore((AccessKeyId, Secret)), time), time);
        return authenticator.AuthenticateFormAsync(fields, CancellationToken.None).GetAwaiter().GetResult();
    }
}
