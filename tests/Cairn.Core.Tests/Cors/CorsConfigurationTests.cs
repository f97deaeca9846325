using Cairn.Core.Cors;

namespace Cairn.Core.Tests.Cors;

/// <summary>Which rule answers a cross-origin request, and what its answer grants.</summary>
public sealed class CorsConfigurationTests
{
    private static readonly CorsConfiguration Rules = new(
    [
        Rule(["http://www.example1.com"], ["PUT", "DELETE"], headers: ["*"], id: "writers"),
        Rule(["*"], ["GET"], headers: ["x-amz-meta-*"]),
        Rule(["http://www.example2.com", "http://www.example3.com"], ["DELETE"]),
    ]);

    [Fact]
    public void The_first_matching_rule_answers()
    {
        var match = Rules.Match(new CorsRequest("http://www.example1.com", "DELETE", []));

        Assert.NotNull(match);
        Assert.Equal("writers", match.Rule.Id);
        Assert.Equal("http://www.example1.com", match.AllowOrigin);
        Assert.True(match.AllowCredentials);
    }

    [Fact]
    public void A_rule_allowing_every_origin_answers_with_the_wildcard_and_no_credentials()
    {
        var match = Rules.Match(new CorsRequest("http://not.listed", "GET", []));

        Assert.NotNull(match);
        Assert.Equal("*", match.AllowOrigin);
        Assert.False(match.AllowCredentials);
    }

    [Theory]
    [InlineData("http://www.example2.com", "PUT")]
    [InlineData("http://not.listed", "PUT")]
    [InlineData("http://WWW.EXAMPLE1.COM", "PUT")]
    [InlineData("http://www.example1.com", "get")]
    public void No_rule_answers_an_origin_or_method_none_allows(string origin, string method)
    {
        Assert.Null(Rules.Match(new CorsRequest(origin, method, [])));
    }

    [Fact]
    public void Every_requested_header_must_be_allowed_ignoring_case()
    {
        var allowed = Rules.Match(new CorsRequest("http://any", "GET", CorsRequest.ParseHeaderList("X-Amz-Meta-One,x-amz-meta-two")));
        var refused = Rules.Match(new CorsRequest("http://any", "GET", CorsRequest.ParseHeaderList("x-amz-meta-one, content-type")));

        Assert.NotNull(allowed);
        Assert.Equal(["x-amz-meta-one", "x-amz-meta-two"], allowed.AllowHeaders);
        Assert.Null(refused);
    }

    [Fact]
    public void A_rule_without_allowed_headers_allows_no_requested_header()
    {
        Assert.NotNull(Rules.Match(new CorsRequest("http://www.example2.com", "DELETE", [])));
        Assert.Null(Rules.Match(new CorsRequest("http://www.example2.com", "DELETE", ["x-amz-date"])));
    }

    [Theory]
    [InlineData(null, new string[0])]
    [InlineData("", new string[0])]
    [InlineData("content-type", new[] { "content-type" })]
    [InlineData(" Content-Type ,, X-Amz-Date,", new[] { "content-type", "x-amz-date" })]
    public void A_requested_header_list_is_split_trimmed_and_lowercased(string? value, string[] expected)
    {
        Assert.Equal(expected, CorsRequest.ParseHeaderList(value));
    }

    internal static CorsRule Rule(string[] origins, string[] methods, string[]? headers = null, string[]? expose = null, string? id = null, int? maxAge = null) =>
        new(id, origins, methods, headers ?? [], expose ?? [], maxAge);
}
