using Cairn.Core.Errors;
using Cairn.Core.Tagging;

namespace Cairn.Core.Tests.Tagging;

public sealed class TagQueryTests
{
    private const string Header = "x-amz-tagging";

    [Fact]
    public void Pairs_are_decoded_in_order()
    {
        var tags = TagQuery.Parse("project=cairn&team=object%20storage&sum=a%2Bb&space=a+b", Header);
        Assert.Equal(
            [new Tag("project", "cairn"), new Tag("team", "object storage"), new Tag("sum", "a+b"), new Tag("space", "a b")],
            tags.ToArray());
    }

    [Theory]
    [InlineData("key", 1)]
    [InlineData("key=", 1)]
    [InlineData("&", 0)]
    [InlineData("&&", 0)]
    [InlineData("", 0)]
    [InlineData("k1&k2=v2", 2)]
    public void A_key_alone_has_an_empty_value_and_empty_pairs_are_skipped(string text, int count)
    {
        var tags = TagQuery.Parse(text, Header);
        Assert.Equal(count, tags.Count);
        Assert.All(tags.Where(t => t.Key != "k2"), t => Assert.Equal(string.Empty, t.Value));
    }

    [Theory]
    [InlineData("=")]
    [InlineData("=v")]
    [InlineData("a=&a=")]
    [InlineData("a=1&a=2")]
    [InlineData("aa=bb=cc")]
    [InlineData("k=%zz")]
    [InlineData("k=%E")]
    [InlineData("k=%FF%FE")]
    public void Malformed_text_is_InvalidArgument_naming_the_header(string text)
    {
        var error = Assert.Throws<CairnException>(() => TagQuery.Parse(text, "x-oss-tagging"));
        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal(
            "The header 'x-oss-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
            error.Message);
    }

    [Fact]
    public void Non_ascii_is_decoded_from_utf8()
    {
        var tags = TagQuery.Parse("gr%C3%B6%C3%9Fe=%E9%A0%85%E7%9B%AE", Header);
        Assert.Equal(new Tag("größe", "項目"), tags[0]);
    }

    [Fact]
    public void Format_round_trips_through_Parse()
    {
        var tags = new TagSet([new Tag("a b", "c+d"), new Tag("größe", "x=y/z"), new Tag("empty", "")]);
        var text = TagQuery.Format(tags);
        Assert.Equal("a%20b=c%2Bd&gr%C3%B6%C3%9Fe=x%3Dy%2Fz&empty=", text);
        Assert.Equal(tags, TagQuery.Parse(text, Header));
    }
}
