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

    /// <summary>What the failure is about (bucket, key, refused argument...), for the dialect to render.</summary>
    public ErrorDetails? Details { get; init; }

    /// <summary>
    /// Extra elements for the error body, spelled by the dialect that raised the failure (its own wire, such as a
    /// signature's StringToSign); Core and the dialect-neutral protocol helpers describe their failures with
    /// <see cref="Details"/> instead.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
}
