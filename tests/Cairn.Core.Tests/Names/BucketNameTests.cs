using Cairn.Core.Errors;
using Cairn.Core.Names;

namespace Cairn.Core.Tests.Names;

/// <summary>General purpose bucket naming rules (AWS S3 User Guide, "Bucket naming rules").</summary>
public class BucketNameTests
{
    private static readonly string Max63 = new string('a', 61) + "-z";

    [Theory]
    [InlineData("abc")]
    [InlineData("my-bucket")]
    [InlineData("my.bucket")]
    [InlineData("my.dotted.bucket-name")]
    [InlineData("a1b")]
    [InlineData("123")]
    [InlineData("1-2")]
    [InlineData("a-b.c-d")]
    [InlineData("bucket--name")]
    [InlineData("docexamplebucket1")]
    [InlineData("log-delivery-march-2020")]
    [InlineData("my-hosted-content")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("xn-abc")]
    [InlineData("abc-s3")]
    public void A_name_following_the_rules_is_valid(string text)
    {
        Assert.True(BucketName.TryParse(text, out var name));
        Assert.Equal(text, name!.Value.Value);
        Assert.Equal(text, BucketName.Parse(text).ToString());
    }

    [Fact]
    public void Sixty_three_characters_is_the_longest_valid_name()
    {
        Assert.Equal(63, Max63.Length);
        Assert.True(BucketName.TryParse(Max63, out _));
        Assert.False(BucketName.TryParse("a" + Max63, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_name_shorter_than_3_or_longer_than_63_characters_is_invalid(string? text)
    {
        Assert.False(BucketName.TryParse(text, out _));
    }

    [Theory]
    [InlineData("MyBucket")]
    [InlineData("myBucket")]
    [InlineData("ABC")]
    [InlineData("my_bucket")]
    [InlineData("my bucket")]
    [InlineData("my/bucket")]
    [InlineData("my:bucket")]
    [InlineData("bücket")]
    [InlineData("bucket\u0000")]
    [InlineData("ｂｕｃｋｅｔ")]
    public void Only_lowercase_letters_digits_dots_and_hyphens_are_allowed(string text)
    {
        Assert.False(BucketName.TryParse(text, out _));
    }

    [Theory]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData(".abc")]
    [InlineData("abc.")]
    [InlineData("-ab-")]
    public void A_name_must_begin_and_end_with_a_letter_or_digit(string text)
    {
        Assert.False(BucketName.TryParse(text, out _));
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("my..bucket")]
    [InlineData("a.-b")]
    [InlineData("a-.b")]
    public void Adjacent_periods_or_a_period_next_to_a_hyphen_are_invalid(string text)
    {
        Assert.False(BucketName.TryParse(text, out _));
    }

    [Theory]
    [InlineData("192.168.5.4")]
    [InlineData("10.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("127.0.0.1")]
    public void A_name_formatted_as_an_ip_address_is_invalid(string text)
    {
        Assert.False(BucketName.TryParse(text, out _));
    }

    [Theory]
    [InlineData("xn--abc")]
    [InlineData("xn--bcher-kva")]
    [InlineData("sthree-bucket")]
    [InlineData("sthree-configurator")]
    [InlineData("amzn-s3-demo-bucket")]
    public void A_name_with_a_reserved_prefix_is_invalid(string text)
    {
        Assert.False(BucketName.TryParse(text, out _));
    }

    [Theory]
    [InlineData("bucket-s3alias")]
    [InlineData("bucket--ol-s3")]
    [InlineData("bucket.mrap")]
    [InlineData("bucket--x-s3")]
    public void A_name_with_a_reserved_suffix_is_invalid(string text)
    {
        Assert.False(BucketName.TryParse(text, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ab")]
    [InlineData("My-Bucket")]
    [InlineData("a..b")]
    [InlineData("192.168.5.4")]
    [InlineData("xn--abc")]
    public void Parse_of_an_invalid_name_throws_invalid_bucket_name_with_the_name(string? text)
    {
        var error = Assert.Throws<CairnException>(() => BucketName.Parse(text));

        Assert.Equal(ErrorCode.InvalidBucketName, error.Code);
        Assert.Equal(text ?? string.Empty, error.Details!.BucketName);
    }
}
