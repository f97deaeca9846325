using Cairn.Core.Errors;
using Cairn.Server.Dialects.Oss;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Dialects.Oss;

/// <summary>The failures OSS spells its own way, and the EC each answer carries.</summary>
public class OssErrorCatalogueTests
{
    [Fact]
    public void A_write_refused_by_forbid_overwrite_is_FileAlreadyExists_409_with_OSS_text()
    {
        var request = Request(("x-oss-forbid-overwrite", "true"));
        var taken = new CairnException(ErrorCode.PreconditionFailed) { Details = new ErrorDetails { Condition = "If-None-Match" } };

        var entry = OssErrorCatalogue.Describe(taken, request);

        Assert.Equal(("FileAlreadyExists", 409), (entry.Code, entry.Status));
        Assert.Equal(entry.Message, OssErrorCatalogue.Message(entry, "At least one of the pre-conditions you specified did not hold."));
        Assert.Equal("FileAlreadyExists", OssErrorCatalogue.Describe(new CairnException(ErrorCode.ConditionalRequestConflict), request).Code);
    }

    [Fact]
    public void A_failed_condition_without_forbid_overwrite_stays_PreconditionFailed()
    {
        var failed = new CairnException(ErrorCode.PreconditionFailed) { Details = new ErrorDetails { Condition = "If-Match" } };

        Assert.Equal("PreconditionFailed", OssErrorCatalogue.Describe(failed, Request()).Code);
        Assert.Equal("PreconditionFailed", OssErrorCatalogue.Describe(failed, Request(("x-oss-forbid-overwrite", "true"))).Code);
    }

    [Theory]
    [InlineData(ErrorCode.KeyTooLongError, null, "InvalidObjectName", 400)]
    [InlineData(ErrorCode.InvalidArgument, "key", "InvalidObjectName", 400)]
    [InlineData(ErrorCode.InvalidArgument, "x-oss-acl", "InvalidArgument", 400)]
    [InlineData(ErrorCode.BadDigest, null, "InvalidDigest", 400)]
    [InlineData(ErrorCode.ExpiredToken, null, "SecurityTokenExpired", 403)]
    [InlineData(ErrorCode.InvalidToken, null, "InvalidSecurityToken", 403)]
    [InlineData(ErrorCode.NoSuchKey, null, "NoSuchKey", 404)]
    [InlineData(ErrorCode.CallbackFailed, null, "CallbackFailed", 203)]
    public void OSS_spells_a_failure_with_its_own_code_and_status(ErrorCode code, string? argument, string expected, int status)
    {
        var error = new CairnException(code) { Details = argument is null ? null : new ErrorDetails { ArgumentName = argument } };

        var entry = OssErrorCatalogue.Describe(error, Request());

        Assert.Equal((expected, status), (entry.Code, entry.Status));
    }

    [Fact]
    public void A_digest_mismatch_keeps_its_detail_naming_what_did_not_match()
    {
        var entry = OssErrorCatalogue.Describe(new CairnException(ErrorCode.BadDigest), Request());

        Assert.Equal("The CRC-64 you specified did not match.", OssErrorCatalogue.Message(entry, "The CRC-64 you specified did not match."));
    }

    [Fact]
    public void EC_values_are_Alibaba_published_ones_where_known_else_Cairn_own_and_stable()
    {
        Assert.Equal("0026-00000001", Ec(ErrorCode.NoSuchKey));
        Assert.Equal("0015-00000101", Ec(ErrorCode.NoSuchBucket));
        Assert.Equal("0007-00000203", Ec(ErrorCode.CallbackFailed));

        var own = Ec(ErrorCode.AccessDenied);
        Assert.Matches("^0099-[0-9]{8}$", own);
        Assert.Equal(own, Ec(ErrorCode.AccessDenied));
        Assert.NotEqual(own, Ec(ErrorCode.InvalidArgument));
    }

    [Fact]
    public void A_failure_may_name_its_own_EC()
    {
        var entry = OssErrorCatalogue.Describe(new CairnException(ErrorCode.InvalidArgument), Request());

        Assert.Equal("0042-00000216", OssErrorCatalogue.Ec(entry, new Dictionary<string, string> { [OssErrorCatalogue.EcExtra] = "0042-00000216" }));
    }

    private static string Ec(ErrorCode code) => OssErrorCatalogue.Ec(OssErrorCatalogue.Describe(new CairnException(code), Request()), null);

    private static DefaultHttpContext Context((string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context;
    }

    private static HttpRequest Request(params (string Name, string Value)[] headers) => Context(headers).Request;
}
