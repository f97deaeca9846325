using System.Text.Json;
using Cairn.Core.Errors;
using Cairn.Server.Callbacks;

namespace Cairn.Server.Tests.Callbacks;

/// <summary>
/// The callback body an app server receives: system and custom variables put into the client's template, escaped for
/// the body type (a value can never break out of its place), and templates that could not render refused up front.
/// </summary>
public sealed class CallbackBodyTemplateTests
{
    private const string Argument = "x-oss-callback";

    private static readonly Dictionary<string, CallbackValue> Values = new()
    {
        ["bucket"] = new("photos"),
        ["object"] = new("a b/c&d=e+f/é\"q\\"),
        ["etag"] = new("D41D8CD98F00B204E9800998ECF8427E"),
        ["size"] = new("1234", IsNumber: true),
        ["mimeType"] = new("image/jpeg"),
        ["imageInfo.height"] = new("", IsNumber: true),
    };

    private static CallbackBodyTemplate Parse(string text, CallbackBodyType type, params string[] custom) =>
        CallbackBodyTemplate.Parse(text, type, custom, Argument);

    [Fact]
    public void A_form_body_percent_encodes_every_value()
    {
        var template = Parse("bucket=${bucket}&object=${object}&size=${size}&v=${x:v}", CallbackBodyType.Form, "x:v");

        var body = template.Render(Values, new Dictionary<string, string> { ["x:v"] = "1&2=3" });

        Assert.Equal("bucket=photos&object=a%20b%2Fc%26d%3De%2Bf%2F%C3%A9%22q%5C&size=1234&v=1%262%3D3", body);
    }

    [Fact]
    public void A_json_body_gets_strings_quoted_and_escaped_and_the_size_as_a_number()
    {
        var template = Parse("""{"object":${object},"size":${size},"h":${imageInfo.height},"v":${x:v}}""", CallbackBodyType.Json, "x:v");

        var body = template.Render(Values, new Dictionary<string, string> { ["x:v"] = "line\nbreak\"" });

        using var json = JsonDocument.Parse(body);
        Assert.Equal("a b/c&d=e+f/é\"q\\", json.RootElement.GetProperty("object").GetString());
        Assert.Equal(1234, json.RootElement.GetProperty("size").GetInt64());
        Assert.Equal("", json.RootElement.GetProperty("h").GetString());
        Assert.Equal("line\nbreak\"", json.RootElement.GetProperty("v").GetString());
    }

    [Fact]
    public void Text_around_variables_and_a_lone_dollar_stay_as_written()
    {
        var body = Parse("cost=$5&b=${bucket}${bucket}", CallbackBodyType.Form).Render(Values, new Dictionary<string, string>());

        Assert.Equal("cost=$5&b=photosphotos", body);
    }

    [Theory]
    [InlineData("a=${nope}", "not a callback variable")]
    [InlineData("a=${Bucket}", "not a callback variable")]
    [InlineData("a=${x:undeclared}", "does not define")]
    [InlineData("a=${bucket", "never closed")]
    [InlineData("a=${}", "malformed")]
    [InlineData("a=${buc ket}", "malformed")]
    [InlineData("a=${x${bucket}}", "malformed")]
    public void A_reference_to_an_unknown_or_malformed_variable_is_refused(string text, string message)
    {
        var error = Assert.Throws<CairnException>(() => Parse(text, CallbackBodyType.Form, "x:v"));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_body_that_would_not_be_json_is_refused()
    {
        // A variable inside quotes would become a quoted string within quotes.
        var error = Assert.Throws<CairnException>(() => Parse("""{"object":"${object}"}""", CallbackBodyType.Json));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_system_variable_has_a_value_for_a_stored_object()
    {
        var stored = new Cairn.Core.Model.ObjectRecord
        {
            Bucket = "b", Key = "k", Size = 3, ETag = "900150983cd24fb0d6963f7d28e17f72", LastModified = DateTimeOffset.UnixEpoch,
            Checksums = new Dictionary<Cairn.Core.Checksums.ChecksumAlgorithm, string> { [Cairn.Core.Checksums.ChecksumAlgorithm.Crc64Xz] = Convert.ToBase64String([0x2c, 0xd8, 0x09, 0x4a, 0x1a, 0x27, 0x7f, 0x9b]) },
        };

        var values = CallbackSystemVariables.For(stored, Cairn.Core.Operations.Operation.PutObject, "REQ", global::System.Net.IPAddress.Parse("::ffff:10.1.2.3"), "\"900150983CD24FB0D6963F7D28E17F72\"");

        Assert.Equal(CallbackSystemVariables.Names.Order(), values.Keys.Order());
        Assert.Equal("900150983CD24FB0D6963F7D28E17F72", values["etag"].Text);
        Assert.Equal("3231342946509356955", values["crc64"].Text);
        Assert.Equal("kAFQmDzST7DWlj99KOF/cg==", values["contentMd5"].Text);
        Assert.Equal("10.1.2.3", values["clientIp"].Text);
        Assert.Equal("PutObject", values["operation"].Text);
        Assert.True(values["size"].IsNumber);
    }
}
