using System.Text.Json;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Reads the callback document (base64 JSON): <c>callbackUrl</c> (required; up to five http or https URLs separated
/// by ';', tried in order; one without a scheme is http), <c>callbackHost</c>, <c>callbackBody</c> (required, not
/// empty), <c>callbackBodyType</c> (form, the default, or JSON) and <c>callbackSNI</c>. Other members are ignored.
/// Anything malformed is 400 InvalidArgument on the argument that carried it; whether the URLs may be called is
/// <see cref="CallbackTargetGuard"/>'s question.
/// </summary>
internal static class CallbackParser
{
    public const int MaxUrls = 5;

    private const string UrlMember = "callbackUrl";
    private const string HostMember = "callbackHost";
    private const string BodyMember = "callbackBody";
    private const string BodyTypeMember = "callbackBodyType";
    private const string SniMember = "callbackSNI";

    public static UploadCallbackRequest Parse(string argument, string encoded, IReadOnlyDictionary<string, string> variables)
    {
        using var document = CallbackJson.Decode(encoded, argument);
        var root = document.RootElement;
        var urls = Urls(String(root, UrlMember, argument) ?? throw Missing(UrlMember, argument), argument);
        var host = String(root, HostMember, argument);
        if (host is not null && !IsHost(host))
        {
            throw CallbackFailures.InvalidArgument(argument, $"The callbackHost '{host}' is not a host name or address with an optional port.");
        }

        var body = String(root, BodyMember, argument);
        if (string.IsNullOrEmpty(body))
        {
            throw Missing(BodyMember, argument);
        }

        var typeName = String(root, BodyTypeMember, argument);
        var type = typeName is null ? CallbackBodyType.Form : CallbackBodyTypes.Parse(typeName)
            ?? throw CallbackFailures.InvalidArgument(argument,
                $"The callbackBodyType '{typeName}' is not {CallbackBodyTypes.FormMediaType} or {CallbackBodyTypes.JsonMediaType}.");
        CheckSni(root, argument);
        return new UploadCallbackRequest(urls, host, CallbackBodyTemplate.Parse(body, type, variables.Keys, argument), variables);
    }

    private static List<Uri> Urls(string text, string argument)
    {
        var pieces = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (pieces.Length == 0)
        {
            throw Missing(UrlMember, argument);
        }

        if (pieces.Length > MaxUrls)
        {
            throw CallbackFailures.InvalidArgument(argument, $"The callbackUrl names {pieces.Length} URLs; at most {MaxUrls} are allowed.");
        }

        return [.. pieces.Select(piece => Url(piece, argument))];
    }

    private static Uri Url(string text, string argument)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : Uri.UriSchemeHttp + "://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.Host.Length == 0)
        {
            throw CallbackFailures.InvalidArgument(argument, $"The callback URL '{text}' is not an http or https URL with a valid host and port.");
        }

        if (url.Port is < 1 or > 65535)
        {
            throw CallbackFailures.InvalidArgument(argument, $"The callback URL '{text}' has an invalid port.");
        }

        return url;
    }

    /// <summary>A host as a Host header carries it: a name, an IPv4 address or a bracketed IPv6 one, perhaps with a port.</summary>
    private static bool IsHost(string host) =>
        Uri.TryCreate("http://" + host + "/", UriKind.Absolute, out var url)
        && url.Host.Length > 0 && url.UserInfo.Length == 0 && url.PathAndQuery == "/" && url.Fragment.Length == 0;

    private static void CheckSni(JsonElement root, string argument)
    {
        if (!root.TryGetProperty(SniMember, out var sni))
        {
            return;
        }

        var valid = sni.ValueKind is JsonValueKind.True or JsonValueKind.False
            || (sni.ValueKind == JsonValueKind.String && bool.TryParse(sni.GetString(), out _));
        if (!valid)
        {
            throw CallbackFailures.InvalidArgument(argument, $"{SniMember} must be true or false.");
        }
    }

    private static string? String(JsonElement root, string member, string argument)
    {
        if (!root.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw CallbackFailures.InvalidArgument(argument, $"The callback member {member} must be a string.");
    }

    private static Core.Errors.CairnException Missing(string member, string argument) =>
        CallbackFailures.InvalidArgument(argument, $"The callback has no {member}; it is required and must not be empty.");
}
