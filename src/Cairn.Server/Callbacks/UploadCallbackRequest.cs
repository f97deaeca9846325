namespace Cairn.Server.Callbacks;

/// <summary>
/// An upload's callback as the client asked for it (x-oss-callback and x-oss-callback-var, their query forms, or a
/// form upload's fields), checked before any byte is stored: where to POST, in order, with which Host, the body
/// template (of its body type), and the custom variables it may refer to.
/// </summary>
internal sealed record UploadCallbackRequest(
    IReadOnlyList<Uri> Urls,
    string? Host,
    CallbackBodyTemplate Body,
    IReadOnlyDictionary<string, string> Variables);
