using Cairn.Core.Cors;
using Cairn.Core.Errors;
using static Cairn.Core.Tests.Cors.CorsConfigurationTests;

namespace Cairn.Core.Tests.Cors;

/// <summary>What PutBucketCors refuses, with S3's error for each.</summary>
public sealed class CorsValidationTests
{
    [Fact]
    public void A_valid_configuration_is_kept_as_written()
    {
        var rules = new[] { Rule(["http://*.example.com", ""], ["GET", "PUT", "POST", "DELETE", "HEAD"], headers: ["*"], expose: ["ETag"], id: "all", maxAge: 3000) };

        var configuration = CorsValidation.Validate(rules);

        Assert.Equal(rules, configuration.Rules);
    }

    [Theory]
    [InlineData("OPTIONS")]
    [InlineData("PATCH")]
    [InlineData("get")]
    [InlineData("")]
    public void An_unsupported_method_is_an_invalid_request_naming_it(string method)
    {
        var e = Assert.Throws<CairnException>(() => CorsValidation.Validate([Rule(["*"], ["GET", method])]));

        Assert.Equal(ErrorCode.InvalidRequest, e.Code);
        Assert.Equal($"Found unsupported HTTP method in CORS config. Unsupported method is {method}", e.Detail);
    }

    [Fact]
    public void An_origin_or_allowed_header_with_two_wildcards_is_refused()
    {
        var origin = Assert.Throws<CairnException>(() => CorsValidation.Validate([Rule(["*example*.com"], ["GET"])]));
        var header = Assert.Throws<CairnException>(() => CorsValidation.Validate([Rule(["*"], ["GET"], headers: ["x-*-*"])]));

        Assert.Equal(ErrorCode.InvalidRequest, origin.Code);
        Assert.Contains("AllowedOrigin \"*example*.com\"", origin.Detail, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.InvalidRequest, header.Code);
        Assert.Contains("AllowedHeader \"x-*-*\"", header.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_without_origin_or_method_is_malformed()
    {
        Assert.Equal(ErrorCode.MalformedXML, Assert.Throws<CairnException>(() => CorsValidation.Validate([Rule([], ["GET"])])).Code);
        Assert.Equal(ErrorCode.MalformedXML, Assert.Throws<CairnException>(() => CorsValidation.Validate([Rule(["*"], [])])).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_configuration_holds_one_to_a_hundred_rules(int count)
    {
        var rules = Enumerable.Range(0, count).Select(_ => Rule(["*"], ["GET"])).ToList();

        Assert.Equal(ErrorCode.MalformedXML, Assert.Throws<CairnException>(() => CorsValidation.Validate(rules)).Code);
    }

    [Fact]
    public void A_hundred_rules_are_accepted()
    {
        var rules = Enumerable.Range(0, 100).Select(_ => Rule(["*"], ["GET"])).ToList();

        Assert.Equal(100, CorsValidation.Validate(rules).Rules.Count);
    }

    [Fact]
    public void An_id_longer_than_255_characters_is_refused()
    {
        Assert.NotNull(CorsValidation.Validate([Rule(["*"], ["GET"], id: new string('a', 255))]));

        var e = Assert.Throws<CairnException>(() => CorsValidation.Validate([Rule(["*"], ["GET"], id: new string('a', 256))]));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }
}
