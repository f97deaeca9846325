namespace Cairn.Server.Callbacks;

/// <summary>How a callback body is spelled, and so how the values put into its template are escaped.</summary>
internal enum CallbackBodyType
{
    /// <summary><c>application/x-www-form-urlencoded</c> (the default): values are percent-encoded.</summary>
    Form,

    /// <summary><c>application/json</c>: values become JSON strings, sizes JSON numbers.</summary>
    Json,
}

/// <summary>The media types of <see cref="CallbackBodyType"/>, as callbackBodyType names them and the callback sends them.</summary>
internal static class CallbackBodyTypes
{
    public const string FormMediaType = "application/x-www-form-urlencoded";
    public const string JsonMediaType = "application/json";

    public static string MediaType(this CallbackBodyType type) => type == CallbackBodyType.Json ? JsonMediaType : FormMediaType;

    /// <summary>The body type a callbackBodyType names; null for any other value.</summary>
    public static CallbackBodyType? Parse(string value) =>
        value.Equals(FormMediaType, StringComparison.OrdinalIgnoreCase) ? CallbackBodyType.Form
        : value.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase) ? CallbackBodyType.Json
        : null;
}
