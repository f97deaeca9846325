using Cairn.Core.Errors;
using Cairn.Core.Limits;
using Cairn.Core.Names;

namespace Cairn.Core.Tests.Names;

/// <summary>Object key rules (docs/s3-compatibility.md "Keys"): valid UTF-8, 1..1023 bytes, not starting with '/' or '\'.</summary>
public class ObjectKeyTests
{
    private static readonly int MaxBytes = new StorageLimits().MaxKeyBytes;

    [Fact]
    public void The_default_key_limit_is_1023_bytes()
    {
        Assert.Equal(1023, MaxBytes);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("k")]
    [InlineData("dir/sub/file.txt")]
    [InlineData("dir/")]
    [InlineData("a//b")]
    [InlineData("a b+c")]
    [InlineData("café/€/😀")]
    [InlineData("日本語のキー")]
    [InlineData(".hidden")]
    [InlineData("a\\b")]
    [InlineData("100%")]
    public void A_key_following_the_rules_is_returned_unchanged(string key)
    {
        Assert.Equal(key, ObjectKey.Validate(key, MaxBytes));
    }

    [Theory]
    [InlineData("a", 1023)]
    [InlineData("é", 511)]
    [InlineData("€", 341)]
    [InlineData("😀", 255)]
    public void A_key_of_up_to_1023_utf8_bytes_is_valid(string unit, int count)
    {
        var key = string.Concat(Enumerable.Repeat(unit, count));
        key += new string('a', 1023 - System.Text.Encoding.UTF8.GetByteCount(key));

        Assert.Equal(1023, System.Text.Encoding.UTF8.GetByteCount(key));
        Assert.Equal(key, ObjectKey.Validate(key, MaxBytes));
    }

    [Theory]
    [InlineData("a", 1024)]
    [InlineData("é", 512)]
    [InlineData("€", 342)]
    [InlineData("😀", 256)]
    public void A_key_over_1023_utf8_bytes_is_too_long_even_when_it_has_fewer_characters(string unit, int count)
    {
        var key = string.Concat(Enumerable.Repeat(unit, count));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(key) > 1023);

        var error = Assert.Throws<CairnException>(() => ObjectKey.Validate(key, MaxBytes));

        Assert.Equal(ErrorCode.KeyTooLongError, error.Code);
    }

    [Fact]
    public void The_limit_comes_from_the_caller()
    {
        Assert.Equal("abcd", ObjectKey.Validate("abcd", 4));
        Assert.Equal(ErrorCode.KeyTooLongError, Assert.Throws<CairnException>(() => ObjectKey.Validate("abcde", 4)).Code);
        Assert.Equal(ErrorCode.KeyTooLongError, Assert.Throws<CairnException>(() => ObjectKey.Validate("éé", 3)).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_key_is_invalid(string? key)
    {
        var error = Assert.Throws<CairnException>(() => ObjectKey.Validate(key, MaxBytes));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("//a")]
    [InlineData("\\")]
    [InlineData("\\a")]
    [InlineData("\\dir\\file")]
    public void A_key_starting_with_a_slash_or_backslash_is_invalid(string key)
    {
        var error = Assert.Throws<CairnException>(() => ObjectKey.Validate(key, MaxBytes));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    // Built in code: a lone surrogate in an attribute argument is stored as U+FFFD in metadata.
    [Theory]
    [InlineData("", 0xD800, "")]
    [InlineData("", 0xDC00, "")]
    [InlineData("a", 0xD83D, "b")]
    [InlineData("a", 0xDE00, "")]
    [InlineData("ok", 0xD83D, "")]
    [InlineData("x", 0xDFFF, "y")]
    public void A_key_with_a_lone_surrogate_is_not_utf8_and_invalid(string before, int surrogate, string after)
    {
        var key = before + (char)surrogate + after;
        Assert.True(char.IsSurrogate(key, before.Length));

        var error = Assert.Throws<CairnException>(() => ObjectKey.Validate(key, MaxBytes));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x01)]
    [InlineData(0x08)]
    [InlineData(0x0B)]
    [InlineData(0x0C)]
    [InlineData(0x0E)]
    [InlineData(0x1F)]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    public void A_new_key_with_a_character_xml_cannot_carry_is_invalid_argument(int codePoint)
    {
        var key = "bad" + (char)codePoint + "name";
        Assert.Equal(key, ObjectKey.Validate(key, MaxBytes)); // an existing key may still be named

        var error = Assert.Throws<CairnException>(() => ObjectKey.ValidateForWrite(key, MaxBytes));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains($"U+{codePoint:X4}", error.Detail);
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("cr\rhere")]
    [InlineData("lf\nhere")]
    [InlineData("crlf\r\nhere")]
    [InlineData("\u007F-delete-is-xml")]
    [InlineData("emoji-😀-is-a-surrogate-pair")]
    [InlineData("\uFFFD-replacement")]
    public void A_new_key_may_hold_tab_cr_lf_and_every_other_xml_character(string key)
    {
        Assert.Equal(key, ObjectKey.ValidateForWrite(key, MaxBytes));
    }

    [Fact]
    public void A_new_key_follows_the_rules_of_every_key()
    {
        Assert.Equal(ErrorCode.KeyTooLongError, Assert.Throws<CairnException>(() => ObjectKey.ValidateForWrite(new string('a', 1024), MaxBytes)).Code);
        Assert.Equal(ErrorCode.InvalidArgument, Assert.Throws<CairnException>(() => ObjectKey.ValidateForWrite("/a", MaxBytes)).Code);
        Assert.Equal(ErrorCode.InvalidArgument, Assert.Throws<CairnException>(() => ObjectKey.ValidateForWrite("", MaxBytes)).Code);
    }
}
