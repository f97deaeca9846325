using Cairn.Core.Errors;
using Cairn.Server.Callbacks;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Callbacks;

/// <summary>The three places a callback travels in (headers, query, form fields), and that a request uses one.</summary>
public sealed class CallbackCarriersTests
{
    private static readonly string Callback = CallbackParserTests.Encode("""{"callbackUrl":"http://10.0.0.1/","callbackBody":"k=${x:k}"}""");
    private static readonly string Variables = CallbackParserTests.Encode("""{"x:k":"v"}""");

    [Fact]
    public void Headers_carry_the_callback_and_its_variables()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers["x-oss-callback"] = Callback;
        request.Headers["x-oss-callback-var"] = Variables;

        var found = CallbackCarriers.Find(request, form: null);

        Assert.Equal(("x-oss-callback", Callback), (found?.Argument, found?.Encoded));
        Assert.Equal("v", found?.Variables["x:k"]);
    }

    [Fact]
    public void The_query_carries_them_as_callback_and_callback_var()
    {
        var request = new DefaultHttpContext().Request;
        request.QueryString = new QueryString($"?callback={Uri.EscapeDataString(Callback)}&callback-var={Uri.EscapeDataString(Variables)}");

        var found = CallbackCarriers.Find(request, form: null);

        Assert.Equal("callback", found?.Argument);
        Assert.Equal("v", found?.Variables["x:k"]);
    }

    [Fact]
    public void A_form_carries_the_callback_field_and_one_field_per_variable()
    {
        var form = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["callback"] = Callback, ["x:k"] = "v", ["key"] = "o" };

        var found = CallbackCarriers.Find(new DefaultHttpContext().Request, form);

        Assert.Equal("callback", found?.Argument);
        Assert.Equal(["x:k"], found?.Variables.Keys);
    }

    [Fact]
    public void No_carrier_is_no_callback()
    {
        Assert.Null(CallbackCarriers.Find(new DefaultHttpContext().Request, new Dictionary<string, string> { ["key"] = "o" }));
    }

    [Fact]
    public void Two_carriers_are_refused()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers["x-oss-callback"] = Callback;
        request.QueryString = QueryString.Create("callback", Callback);

        var error = Assert.Throws<CairnException>(() => CallbackCarriers.Find(request, form: null));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("more than one way", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_without_a_callback_are_refused()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers["x-oss-callback-var"] = Variables;

        var error = Assert.Throws<CairnException>(() => CallbackCarriers.Find(request, form: null));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }
}
