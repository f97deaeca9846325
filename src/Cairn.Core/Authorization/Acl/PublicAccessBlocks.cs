namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// The public access block that applies to a bucket: its own switches added to the server-wide default
/// (<c>Cairn:Security:BlockPublicAccess</c> turns all four on for every bucket). Write-time checks, the authorizer
/// and bucket policies all ask here, so the default cannot be forgotten in one of them.
/// </summary>
public sealed class PublicAccessBlocks(PublicAccessBlock serverDefault)
{
    /// <summary>The server-wide default on its own.</summary>
    public PublicAccessBlock ServerDefault { get; } = serverDefault ?? throw new ArgumentNullException(nameof(serverDefault));

    /// <summary>What applies to a bucket whose own setting is <paramref name="bucketBlock"/> (null: none).</summary>
    public PublicAccessBlock Effective(PublicAccessBlock? bucketBlock) =>
        bucketBlock is null ? ServerDefault : bucketBlock.Union(ServerDefault);
}
