using Cairn.Core.Cors;

namespace Cairn.Core.Tests.Cors;

/// <summary>AllowedOrigin and AllowedHeader patterns: one wildcard, anchored at both ends, matching the empty run too.</summary>
public sealed class CorsPatternTests
{
    [Theory]
    [InlineData("http://www.example.com", "http://www.example.com", true)]
    [InlineData("http://www.example.com", "https://www.example.com", false)]
    [InlineData("http://www.example.com", "http://www.example.com:80", false)]
    [InlineData("http://*.example.com", "http://app.example.com", true)]
    [InlineData("http://*.example.com", "http://a.b.example.com", true)]
    [InlineData("http://*.example.com", "http://example.com", false)]
    [InlineData("*suffix", "foo.suffix", true)]
    [InlineData("*suffix", "foo.suffix.get", false)]
    [InlineData("start*end", "startend", true)]
    [InlineData("start*end", "start12end", true)]
    [InlineData("start*end", "0start12end", false)]
    [InlineData("prefix*", "prefix", true)]
    [InlineData("prefix*", "bla.prefix", false)]
    [InlineData("*", "anything at all", true)]
    [InlineData("ab*ba", "aba", false)]
    public void An_origin_pattern_matches_as_S3_matches_it(string pattern, string origin, bool expected)
    {
        Assert.Equal(expected, CorsPattern.Matches(pattern, origin, StringComparison.Ordinal));
    }

    [Fact]
    public void Origins_match_case_sensitively_and_headers_do_not()
    {
        Assert.False(CorsPattern.Matches("http://Example.com", "http://example.com", StringComparison.Ordinal));
        Assert.True(CorsPattern.Matches("X-Amz-*", "x-amz-date", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("http://example.com", 0)]
    [InlineData("http://*.example.com", 1)]
    [InlineData("*example*.com", 2)]
    public void Wildcards_are_counted(string pattern, int expected)
    {
        Assert.Equal(expected, CorsPattern.Wildcards(pattern));
    }
}
