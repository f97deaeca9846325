using Cairn.Core.Errors;
using Cairn.Server.Http;

namespace Cairn.Server.Tests.Http;

/// <summary>encoding-type=url on ListObjects/ListObjectsV2/ListObjectVersions/ListMultipartUploads.</summary>
public class KeyEncodingTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_encoding_type_keys_are_sent_as_they_are(string? encodingType)
    {
        var encoding = KeyEncoding.FromQuery(encodingType);

        Assert.False(encoding.IsUrl);
        Assert.Equal("a b+c/%é", encoding.Encode("a b+c/%é"));
        Assert.Null(encoding.Encode(null));
    }

    [Fact]
    public void Encoding_type_url_selects_url_encoding()
    {
        Assert.True(KeyEncoding.FromQuery("url").IsUrl);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("base64")]
    [InlineData("url ")]
    [InlineData("urls")]
    public void Any_other_encoding_type_is_rejected_as_invalid_encoding_type(string encodingType)
    {
        var error = Assert.Throws<CairnException>(() => KeyEncoding.FromQuery(encodingType));

        Assert.Equal(ErrorCode.InvalidEncodingType, error.Code);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("ABCxyz0189", "ABCxyz0189")]
    [InlineData("-_.~", "-_.~")]
    [InlineData("dir/sub/file", "dir/sub/file")]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("100%", "100%25")]
    [InlineData("a?b#c&d=e", "a%3Fb%23c%26d%3De")]
    [InlineData("a\\b", "a%5Cb")]
    [InlineData("tab\there", "tab%09here")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("\u0001", "%01")]
    [InlineData("café", "caf%C3%A9")]
    [InlineData("€", "%E2%82%AC")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("日本", "%E6%97%A5%E6%9C%AC")]
    [InlineData("<&>\"'", "%3C%26%3E%22%27")]
    [InlineData("", "")]
    public void Url_encoding_escapes_every_utf8_byte_outside_the_unreserved_set_and_slash(string key, string encoded)
    {
        Assert.Equal(encoded, KeyEncoding.FromQuery("url").Encode(key));
    }

    [Theory]
    [InlineData("a b+c")]
    [InlineData("dir/file name (1).txt")]
    [InlineData("100% sure?")]
    [InlineData("ключ/値/😀")]
    public void Url_encoded_keys_decode_back_exactly_even_with_plus_as_space_decoders(string key)
    {
        var encoded = KeyEncoding.FromQuery("url").Encode(key)!;

        Assert.Equal(key, Uri.UnescapeDataString(encoded));
        Assert.Equal(key, System.Net.WebUtility.UrlDecode(encoded));
    }

    [Fact]
    public void Url_encoding_of_null_is_null()
    {
        Assert.Null(KeyEncoding.FromQuery("url").Encode(null));
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("bad\u0001name")]
    [InlineData("\u001F")]
    [InlineData("\uFFFF")]
    public void Without_encoding_type_a_value_xml_cannot_carry_is_invalid_argument_pointing_to_url_encoding(string value)
    {
        var error = Assert.Throws<CairnException>(() => KeyEncoding.FromQuery(null).Encode(value));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("encoding-type=url", error.Detail);
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("cr\rhere")]
    [InlineData("crlf\r\nhere")]
    public void Without_encoding_type_tab_cr_and_lf_are_sent_as_they_are(string value)
    {
        Assert.Equal(value, KeyEncoding.FromQuery(null).Encode(value));
    }
}
