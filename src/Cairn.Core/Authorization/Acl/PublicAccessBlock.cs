namespace Cairn.Core.Authorization.Acl;

/// <summary>
/// The four public-access switches of a bucket (or the server-wide default). BlockPublicAcls refuses requests that
/// would set a public ACL; IgnorePublicAcls makes public grants count for nothing; BlockPublicPolicy refuses a
/// public bucket policy; RestrictPublicBuckets lets a public policy allow only the bucket owner's own users.
/// </summary>
public sealed record PublicAccessBlock(bool BlockPublicAcls, bool IgnorePublicAcls, bool BlockPublicPolicy, bool RestrictPublicBuckets)
{
    public static PublicAccessBlock None { get; } = new(false, false, false, false);

    public static PublicAccessBlock All { get; } = new(true, true, true, true);

    /// <summary>Each switch on when it is on in either (a bucket's setting adds to the server-wide default).</summary>
    public PublicAccessBlock Union(PublicAccessBlock other) => new(
        BlockPublicAcls || other.BlockPublicAcls,
        IgnorePublicAcls || other.IgnorePublicAcls,
        BlockPublicPolicy || other.BlockPublicPolicy,
        RestrictPublicBuckets || other.RestrictPublicBuckets);
}
