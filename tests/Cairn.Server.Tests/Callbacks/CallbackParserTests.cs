using System.Text;
using Cairn.Core.Errors;
using Cairn.Server.Callbacks;

namespace Cairn.Server.Tests.Callbacks;

/// <summary>
/// The callback document a client sends (base64 JSON): what is accepted, and that every malformed one is refused
/// with 400 InvalidArgument naming the argument that carried it, before anything would be stored.
/// </summary>
public sealed class CallbackParserTests
{
    private const string Argument = "x-oss-callback";
    private static readonly Dictionary<string, string> NoVariables = [];

    internal static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_complete_callback_is_read_with_its_urls_in_order_host_and_body_type()
    {
        var callback = CallbackParser.Parse(Argument, Encode("""
            {"callbackUrl":"http://10.0.0.1:8080/a?x=1;https://app.example/b","callbackHost":"app.example:8443",
             "callbackBody":"{\"o\":${object}}","callbackBodyType":"application/json","callbackSNI":true}
            """), NoVariables);

        Assert.Equal(["http://10.0.0.1:8080/a?x=1", "https://app.example/b"], callback.Urls.Select(u => u.ToString()));
        Assert.Equal("app.example:8443", callback.Host);
        Assert.Equal(CallbackBodyType.Json, callback.Body.Type);
    }

    [Fact]
    public void The_body_type_defaults_to_form_and_a_url_without_scheme_is_http()
    {
        var callback = CallbackParser.Parse(Argument, Encode("""{"callbackUrl":"10.0.0.1/cb.php","callbackBody":"bucket=${bucket}"}"""), NoVariables);

        Assert.Equal(CallbackBodyType.Form, callback.Body.Type);
        Assert.Equal("http://10.0.0.1/cb.php", callback.Urls.Single().ToString());
        Assert.Null(callback.Host);
    }

    [Theory]
    [InlineData("not base64 at all!", "not valid base64")]
    [InlineData("bm90IGpzb24=", "not base64 of a JSON document")] // "not json"
    [InlineData("WzEsMl0=", "not base64 of a JSON object")] // [1,2]
    public void A_value_that_is_not_base64_of_a_JSON_object_is_refused(string encoded, string message)
    {
        var error = Assert.Throws<CairnException>(() => CallbackParser.Parse(Argument, encoded, NoVariables));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal(Argument, error.Details?.ArgumentName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"callbackBody":"a=${bucket}"}""", "no callbackUrl")]
    [InlineData("""{"callbackUrl":" ; ","callbackBody":"a=${bucket}"}""", "no callbackUrl")]
    [InlineData("""{"callbackUrl":"http://10.0.0.1/"}""", "no callbackBody")]
    [InlineData("""{"callbackUrl":"http://10.0.0.1/","callbackBody":""}""", "no callbackBody")]
    [InlineData("""{"callbackUrl":"http://10.0.0.1/","callbackBody":5}""", "must be a string")]
    [InlineData("""{"callbackUrl":"a.example;b.example;c.example;d.example;e.example;f.example","callbackBody":"x"}""", "at most 5")]
    [InlineData("""{"callbackUrl":"ftp://10.0.0.1/","callbackBody":"x"}""", "not an http or https URL")]
    [InlineData("""{"callbackUrl":"http://10.0.0.1:99999/","callbackBody":"x"}""", "not an http or https URL")]
    [InlineData("""{"callbackUrl":"http://10.0.0.1:0/","callbackBody":"x"}""", "invalid port")]
    [InlineData("""{"callbackUrl":"http://10.0.0.1/","callbackBody":"x","callbackBodyType":"text/plain"}""", "callbackBodyType 'text/plain'")]
    [InlineData("""{"callbackUrl":"http://10.0.0.1/","callbackBody":"x","callbackHost":"a b"}""", "callbackHost")]
    [InlineData("""{"callbackUrl":"http://10.0.0.1/","callbackBody":"x","callbackSNI":"maybe"}""", "callbackSNI")]
    public void A_callback_with_a_missing_or_malformed_member_is_refused(string json, string message)
    {
        var error = Assert.Throws<CairnException>(() => CallbackParser.Parse(Argument, Encode(json), NoVariables));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_callback_over_5_KB_is_refused()
    {
        var json = $$"""{"callbackUrl":"http://10.0.0.1/","callbackBody":"{{new string('a', 4000)}}"}""";

        var error = Assert.Throws<CairnException>(() => CallbackParser.Parse(Argument, Encode(json), NoVariables));

        Assert.Contains("longer than 5120 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_variables_must_start_with_x_colon_be_lower_case_and_have_string_values()
    {
        Assert.Equal("v", CallbackVariables.Parse(Encode("""{"x:my_var":"v"}"""), "x-oss-callback-var")["x:my_var"]);

        foreach (var json in new[] { """{"my_var":"v"}""", """{"x:My_Var":"v"}""", """{"x:":"v"}""", """{"x:n":5}""" })
        {
            var error = Assert.Throws<CairnException>(() => CallbackVariables.Parse(Encode(json), "x-oss-callback-var"));
            Assert.Equal(ErrorCode.InvalidArgument, error.Code);
            Assert.Equal("x-oss-callback-var", error.Details?.ArgumentName);
        }
    }
}
