using System.Text;
using Cairn.Core.Errors;
using Cairn.Server.Http;

namespace Cairn.Server.Tests.Http;

/// <summary>
/// Stored-and-echoed headers are byte strings (one char per byte, as Kestrel decodes them with Latin-1): they go
/// back out as the same bytes, are signed as the text they stand for, and refuse control characters up front.
/// </summary>
public class VerbatimHeadersTests
{
    [Theory]
    [InlineData("x-amz-meta-anything")]
    [InlineData("X-Amz-Meta-Mixed")]
    [InlineData("Content-Type")]
    [InlineData("Content-Disposition")]
    [InlineData("Content-Encoding")]
    [InlineData("Content-Language")]
    [InlineData("Cache-Control")]
    [InlineData("Expires")]
    public void Stored_headers_travel_as_latin1(string name)
    {
        Assert.Same(Encoding.Latin1, VerbatimHeaders.EncodingFor(name));
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("x-amz-content-sha256")]
    [InlineData("Host")]
    public void Other_headers_keep_kestrels_default(string name)
    {
        Assert.Null(VerbatimHeaders.EncodingFor(name));
    }

    [Theory]
    [InlineData("Hello World\u00e9")]
    [InlineData("Grüße 日本 😀")]
    public void Utf8_bytes_are_signed_as_the_text_they_encode(string text)
    {
        var bytes = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, VerbatimHeaders.SignedText(bytes));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_signed_as_latin1_text()
    {
        Assert.Equal("Hello World\u00e9", VerbatimHeaders.SignedText("Hello World\u00e9"));
    }

    [Fact]
    public void Ascii_is_signed_as_it_is()
    {
        Assert.Equal("text/plain; charset=utf-8", VerbatimHeaders.SignedText("text/plain; charset=utf-8"));
    }

    [Fact]
    public void A_text_is_sent_as_the_bytes_of_its_utf8()
    {
        var bytes = Encoding.Latin1.GetBytes(VerbatimHeaders.FromText("naïve €"));

        Assert.Equal(Encoding.UTF8.GetBytes("naïve €"), bytes);
    }

    [Fact]
    public void A_stored_byte_string_goes_back_unchanged_and_a_stored_text_as_its_utf8()
    {
        Assert.Equal("caf\u00e9", VerbatimHeaders.ForResponse("caf\u00e9"));
        Assert.Equal(Encoding.UTF8.GetBytes("日本"), Encoding.Latin1.GetBytes(VerbatimHeaders.ForResponse("日本")));
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u0004b")]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\u001Fb")]
    [InlineData("a\u007Fb")]
    public void A_control_character_is_invalid_argument_naming_the_header(string value)
    {
        var error = Assert.Throws<CairnException>(() => VerbatimHeaders.RequireWritable(value, "x-amz-meta-x"));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal("x-amz-meta-x", error.Details?.ArgumentName);
    }

    [Theory]
    [InlineData("tab\tseparated")]
    [InlineData("Hello World\u00e9")]
    [InlineData("\u00a0\u00ff")]
    public void Tab_and_non_ascii_bytes_are_writable(string value)
    {
        Assert.Equal(value, VerbatimHeaders.RequireWritable(value, "x-amz-meta-x"));
    }
}
