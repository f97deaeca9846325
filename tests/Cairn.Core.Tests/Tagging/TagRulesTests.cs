using Cairn.Core.Errors;
using Cairn.Core.Tagging;

namespace Cairn.Core.Tests.Tagging;

public sealed class TagRulesTests
{
    private static TagSet Tags(params (string Key, string Value)[] tags) => new(tags.Select(t => new Tag(t.Key, t.Value)));

    private static TagSet Count(int n) => new(Enumerable.Range(0, n).Select(i => new Tag("k" + i, "v")));

    [Fact]
    public void Ten_object_tags_pass_eleven_are_BadRequest()
    {
        TagRules.CheckObjectTags(Count(10));
        var error = Assert.Throws<CairnException>(() => TagRules.CheckObjectTags(Count(11)));
        Assert.Equal(ErrorCode.BadRequest, error.Code);
        Assert.Equal("Object tags cannot be greater than 10", error.Message);
    }

    [Fact]
    public void Fifty_bucket_tags_pass_fifty_one_are_BadRequest()
    {
        TagRules.CheckBucketTags(Count(50));
        var error = Assert.Throws<CairnException>(() => TagRules.CheckBucketTags(Count(51)));
        Assert.Equal(ErrorCode.BadRequest, error.Code);
        Assert.Equal("Bucket tag count cannot be greater than 50", error.Message);
    }

    [Fact]
    public void Lengths_count_code_points_not_utf16_units()
    {
        // U+1D49C is a letter outside the BMP: two UTF-16 units, one character for S3.
        var letter = char.ConvertFromUtf32(0x1D49C);
        TagRules.CheckObjectTags(Tags((string.Concat(Enumerable.Repeat(letter, 128)), string.Concat(Enumerable.Repeat(letter, 256)))));
        Assert.Equal(ErrorCode.InvalidTag, Assert.Throws<CairnException>(() =>
            TagRules.CheckObjectTags(Tags((string.Concat(Enumerable.Repeat(letter, 129)), "v")))).Code);
    }

    [Theory]
    [InlineData("", "v", "The TagKey you have provided is invalid")]
    [InlineData("a#b", "v", "The TagKey you have provided is invalid")]
    [InlineData("tab\tkey", "v", "The TagKey you have provided is invalid")]
    [InlineData("k", "semi;colon", "The TagValue you have provided is invalid")]
    [InlineData("aws:created", "v", "Your TagKey cannot be prefixed with aws:")]
    [InlineData("AWS:created", "v", "Your TagKey cannot be prefixed with aws:")]
    public void A_bad_key_or_value_is_InvalidTag_naming_which(string key, string value, string message)
    {
        var error = Assert.Throws<CairnException>(() => TagRules.CheckObjectTags(Tags((key, value))));
        Assert.Equal(ErrorCode.InvalidTag, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Key_of_129_and_value_of_257_characters_are_InvalidTag()
    {
        Assert.Equal(ErrorCode.InvalidTag, Assert.Throws<CairnException>(() => TagRules.CheckObjectTags(Tags((new string('k', 129), "v")))).Code);
        Assert.Equal(ErrorCode.InvalidTag, Assert.Throws<CairnException>(() => TagRules.CheckObjectTags(Tags(("k", new string('v', 257))))).Code);
        TagRules.CheckObjectTags(Tags((new string('k', 128), new string('v', 256))));
    }

    [Fact]
    public void Allowed_characters_are_letters_digits_spaces_of_any_script_and_the_seven_symbols()
    {
        TagRules.CheckObjectTags(Tags(("Projekt Größe 項目 ٣", "a+b-c=d.e_f:g/h@i"), ("empty", "")));
    }

    [Fact]
    public void A_repeated_key_is_InvalidTag()
    {
        var error = Assert.Throws<CairnException>(() => TagRules.CheckObjectTags(Tags(("k", "1"), ("k", "2"))));
        Assert.Equal(ErrorCode.InvalidTag, error.Code);
        Assert.Equal("Cannot provide multiple Tags with the same key", error.Message);
    }
}
