namespace Cairn.Core.Errors;

/// <summary>A rule violation that becomes a client-facing error through the server's catalogue.</summary>
public sealed class CairnException : Exception
{
    public CairnException(ErrorCode code, string? detail = null, Exception? inner = null)
        : base(detail ?? code.ToString(), inner)
    {
        Code = code;
        Detail = detail;
    }

    public ErrorCode Code { get; }

    /// <summary>A message that replaces the catalogue's default text, when more precise.</summary>
    public string? Detail { get; }

    /// <summary>Extra elements for the error body (e.g. ArgumentName, Key, UploadId).</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
}
