using Cairn.Server.Dialects.Oss;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Where a request carries its callback: the headers <c>x-oss-callback</c> and <c>x-oss-callback-var</c>, the query
/// parameters <c>callback</c> and <c>callback-var</c>, or, in a form upload, the field <c>callback</c> with one
/// <c>x:</c> field per variable. A request uses one of them; two or more is 400 InvalidArgument.
/// </summary>
internal static class CallbackCarriers
{
    public const string QueryCallback = "callback";
    public const string QueryVariables = "callback-var";
    public const string FormField = "callback";

    /// <summary>
    /// The callback (still base64, named by the argument that carried it) and its variables, parsed; null when the
    /// request asks for no callback. <paramref name="form"/> is a form upload's fields, null for other requests.
    /// </summary>
    public static (string Argument, string Encoded, IReadOnlyDictionary<string, string> Variables)? Find(
        HttpRequest request, IReadOnlyDictionary<string, string>? form)
    {
        var header = Carried(request.Headers[OssHeaders.Callback].ToString(), request.Headers[OssHeaders.CallbackVar].ToString());
        var query = Carried(request.Query[QueryCallback].ToString(), request.Query[QueryVariables].ToString());
        var field = form?.GetValueOrDefault(FormField) is { } value ? value : null;
        var carriers = (header ? 1 : 0) + (query ? 1 : 0) + (field is null ? 0 : 1);
        if (carriers > 1)
        {
            throw CallbackFailures.InvalidArgument(OssHeaders.Callback,
                "The request carries a callback in more than one way (x-oss-callback headers, callback query parameters, form fields); use one.");
        }

        if (header)
        {
            return FromEncoded(request.Headers[OssHeaders.Callback].ToString(), OssHeaders.Callback, request.Headers[OssHeaders.CallbackVar].ToString(), OssHeaders.CallbackVar);
        }

        if (query)
        {
            return FromEncoded(request.Query[QueryCallback].ToString(), QueryCallback, request.Query[QueryVariables].ToString(), QueryVariables);
        }

        return field is null ? null : (FormField, field, CallbackVariables.FromForm(form!, FormField));
    }

    private static bool Carried(string callback, string variables) => callback.Length > 0 || variables.Length > 0;

    private static (string, string, IReadOnlyDictionary<string, string>)? FromEncoded(string callback, string argument, string variables, string variablesArgument)
    {
        if (callback.Length == 0)
        {
            throw CallbackFailures.InvalidArgument(argument, $"{variablesArgument} is given without {argument}.");
        }

        var parsed = variables.Length == 0 ? new Dictionary<string, string>() : CallbackVariables.Parse(variables, variablesArgument);
        return (argument, callback, parsed);
    }
}
