using System.Text;
using System.Xml.Linq;
using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Tests.Dialects;
using Cairn.Server.Dialects.Errors;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Dialects.S3;

/// <summary>
/// The S3 error document. Messages and extra values often echo what the client sent (a key, a header value), so
/// whatever characters they hold, the body must be well-formed XML that an SDK can parse for its error code.
/// </summary>
public class S3DialectTests
{
    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0001")]
    [InlineData("\u0000\u0001\u001F\uFFFE")]
    [InlineData("\r\n\t")]
    public async Task An_error_echoing_control_characters_is_well_formed_xml(string echoed)
    {
        var (response, body) = NewResponse();

        await TestDialects.S3().WriteErrorAsync(
            response,
            ErrorCatalogue.Get(ErrorCode.InvalidArgument),
            $"The value [{echoed}] is not valid.",
            "/bucket/key" + echoed,
            "REQUEST1",
            null,
            new Dictionary<string, string> { ["ArgumentName"] = "prefix", ["ArgumentValue"] = echoed },
            CancellationToken.None);

        var text = Encoding.UTF8.GetString(body.ToArray());
        var error = XElement.Parse(text);
        Assert.Equal("Error", error.Name.LocalName);
        Assert.Equal("InvalidArgument", error.Element("Code")?.Value);
        Assert.StartsWith("The value [", error.Element("Message")?.Value);
        Assert.Equal("prefix", error.Element("ArgumentName")?.Value);
        Assert.Equal("REQUEST1", error.Element("RequestId")?.Value);
        Assert.Equal("application/xml", response.ContentType);
        Assert.Equal(body.Length, response.ContentLength);
    }

    [Fact]
    public async Task Tab_cr_and_lf_in_an_echoed_value_read_back_exactly()
    {
        var (response, body) = NewResponse();

        await TestDialects.S3().WriteErrorAsync(
            response, ErrorCatalogue.Get(ErrorCode.NoSuchKey), "The specified key does not exist.", "/b/k", "REQUEST2", null,
            new Dictionary<string, string> { ["Key"] = "a\rb\r\nc\nd\te" }, CancellationToken.None);

        var error = XElement.Parse(Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal("a\rb\r\nc\nd\te", error.Element("Key")?.Value);
    }

    [Fact]
    public async Task Typed_details_become_elements_in_the_order_S3_lists_them()
    {
        var (response, body) = NewResponse();

        await TestDialects.S3().WriteErrorAsync(
            response, ErrorCatalogue.Get(ErrorCode.EntityTooSmall), "Your proposed upload is smaller than the minimum allowed size", "/b/k", "REQUEST3",
            new ErrorDetails { PartNumber = 2, MinSizeAllowed = 5_242_880, ProposedSize = 1024 }, null, CancellationToken.None);

        var error = XElement.Parse(Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal(
            ["Code", "Message", "ProposedSize", "MinSizeAllowed", "PartNumber", "Resource", "RequestId", "HostId"],
            error.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("1024", error.Element("ProposedSize")?.Value);
        Assert.Equal("5242880", error.Element("MinSizeAllowed")?.Value);
        Assert.Equal("2", error.Element("PartNumber")?.Value);
    }

    [Fact]
    public async Task An_invalid_part_names_the_part_number_then_the_etag()
    {
        var (response, body) = NewResponse();

        await TestDialects.S3().WriteErrorAsync(
            response, ErrorCatalogue.Get(ErrorCode.InvalidPart), "One or more of the specified parts could not be found.", "/b/k", "REQUEST4",
            new ErrorDetails { ETag = "\"abc\"", PartNumber = 3 }, null, CancellationToken.None);

        var error = XElement.Parse(Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal(["Code", "Message", "PartNumber", "ETag", "Resource", "RequestId", "HostId"], error.Elements().Select(e => e.Name.LocalName));
    }

    private static (HttpResponse Response, MemoryStream Body) NewResponse()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        return (context.Response, body);
    }
}
