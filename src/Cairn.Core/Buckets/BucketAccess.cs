using Cairn.Core.Authorization.Acl;
using Cairn.Core.Cors;
using Cairn.Core.Lifecycle;
using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Core.Buckets;

/// <summary>
/// A bucket's access configuration, typed: owner, ACL, Object Ownership, public access block, policy text and CORS
/// document, each decoded once per cached read. Missing documents read as S3's defaults.
/// </summary>
public sealed class BucketAccess
{
    private readonly Lazy<AccessControlList> _acl;
    private readonly Lazy<PublicAccessBlock?> _publicAccessBlock;
    private readonly Lazy<CorsConfiguration?> _cors;
    private readonly Lazy<LifecycleConfiguration?> _lifecycle;

    public BucketAccess(BucketSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _acl = new(() => settings.Get(BucketSettingNames.Acl) is { } acl ? AclJson.Read(acl) : CannedAcls.Private(Owner));
        _publicAccessBlock = new(() => settings.Get(BucketSettingNames.PublicAccessBlock) is { } block
            ? BucketSettingsCodec.ReadPublicAccessBlock(block)
            : null);
        _cors = new(() => CorsDocument is { } cors ? CorsJson.Read(cors) : null);
        _lifecycle = new(() => settings.Get(BucketSettingNames.Lifecycle) is { } lifecycle ? LifecycleJson.Read(lifecycle) : null);
        OwnershipControls = settings.Get(BucketSettingNames.OwnershipControls) is { } ownership
            ? BucketSettingsCodec.TryParseOwnership(ownership)
              ?? throw new InvalidDataException($"The metadata database holds an unknown object ownership \"{ownership}\".")
            : null;
    }

    public BucketSettings Settings { get; }

    public BucketRecord Bucket => Settings.Bucket;

    public string Name => Settings.Bucket.Name;

    public string Owner => Settings.Bucket.Owner;

    /// <summary>The bucket ACL; owner full control when none was ever set.</summary>
    public AccessControlList Acl => _acl.Value;

    /// <summary>The Object Ownership setting as configured; null when never set.</summary>
    public ObjectOwnership? OwnershipControls { get; }

    /// <summary>How ownership behaves: the setting, or ObjectWriter when there is none.</summary>
    public ObjectOwnership Ownership => OwnershipControls ?? ObjectOwnership.ObjectWriter;

    /// <summary>True when BucketOwnerEnforced switches ACLs off.</summary>
    public bool AclsDisabled => Ownership == ObjectOwnership.BucketOwnerEnforced;

    /// <summary>The bucket's own public access block, null when never set (the server default is separate).</summary>
    public PublicAccessBlock? PublicAccessBlock => _publicAccessBlock.Value;

    /// <summary>The bucket policy as the client sent it; null when there is none.</summary>
    public string? PolicyText => Settings.Get(BucketSettingNames.Policy);

    /// <summary>The stored CORS configuration; null when there is none.</summary>
    public string? CorsDocument => Settings.Get(BucketSettingNames.Cors);

    /// <summary>The CORS rules, decoded once per cached read (cross-origin requests consult them); null when there are none.</summary>
    public CorsConfiguration? Cors => _cors.Value;

    /// <summary>The lifecycle configuration; null when there is none.</summary>
    public LifecycleConfiguration? Lifecycle => _lifecycle.Value;
}
