namespace Cairn.Server.Callbacks;

/// <summary>
/// An upload's callback as the client asked for it (x-oss-callback and x-oss-callback-var, their query forms, or a
/// form upload's fields), checked before any byte is stored: where to POST, with which Host, which body template of
/// which type, and the custom variables.
/// </summary>
internal sealed record UploadCallbackRequest(
    IReadOnlyList<Uri> Urls,
    string? Host,
    string BodyTemplate,
    string BodyType,
    bool Sni,
    IReadOnlyDictionary<string, string> Variables);
