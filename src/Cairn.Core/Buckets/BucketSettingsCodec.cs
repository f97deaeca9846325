using System.Text.Json;
using Cairn.Core.Authorization.Acl;

namespace Cairn.Core.Buckets;

/// <summary>
/// The stored forms of the small typed bucket settings: the public access block (a JSON object of four booleans)
/// and the Object Ownership value (its S3 spelling). The ACL's form is <see cref="AclJson"/>; the policy is stored
/// as sent. The spellings are part of the schema.
/// </summary>
public static class BucketSettingsCodec
{
    public static string WritePublicAccessBlock(PublicAccessBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return JsonSerializer.Serialize(new Dictionary<string, bool>
        {
            ["BlockPublicAcls"] = block.BlockPublicAcls,
            ["IgnorePublicAcls"] = block.IgnorePublicAcls,
            ["BlockPublicPolicy"] = block.BlockPublicPolicy,
            ["RestrictPublicBuckets"] = block.RestrictPublicBuckets,
        });
    }

    public static PublicAccessBlock ReadPublicAccessBlock(string stored)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, bool>>(stored)
            ?? throw new InvalidDataException("The metadata database holds an empty public access block.");
        return new PublicAccessBlock(
            values.GetValueOrDefault("BlockPublicAcls"),
            values.GetValueOrDefault("IgnorePublicAcls"),
            values.GetValueOrDefault("BlockPublicPolicy"),
            values.GetValueOrDefault("RestrictPublicBuckets"));
    }

    /// <summary>The S3 spelling of an Object Ownership value (also its stored spelling).</summary>
    public static string Spell(ObjectOwnership ownership) => ownership switch
    {
        ObjectOwnership.ObjectWriter => "ObjectWriter",
        ObjectOwnership.BucketOwnerPreferred => "BucketOwnerPreferred",
        ObjectOwnership.BucketOwnerEnforced => "BucketOwnerEnforced",
        _ => throw new ArgumentOutOfRangeException(nameof(ownership), ownership, "Undefined object ownership."),
    };

    /// <summary>Parses an S3 Object Ownership spelling; null when it is none.</summary>
    public static ObjectOwnership? TryParseOwnership(string value) => value switch
    {
        "ObjectWriter" => ObjectOwnership.ObjectWriter,
        "BucketOwnerPreferred" => ObjectOwnership.BucketOwnerPreferred,
        "BucketOwnerEnforced" => ObjectOwnership.BucketOwnerEnforced,
        _ => null,
    };
}
