namespace Cairn.Core.Model;

/// <summary>The standard HTTP headers an object keeps and returns (as sent on PUT, or replaced on copy).</summary>
public sealed record ObjectHeaders
{
    public string? ContentType { get; init; }
    public string? ContentEncoding { get; init; }
    public string? ContentDisposition { get; init; }
    public string? ContentLanguage { get; init; }
    public string? CacheControl { get; init; }
    public string? Expires { get; init; }
    public string? StorageClass { get; init; }
}
