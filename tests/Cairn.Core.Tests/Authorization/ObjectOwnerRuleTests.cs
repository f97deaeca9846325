using Cairn.Core.Authorization.Acl;

namespace Cairn.Core.Tests.Authorization;

/// <summary>Who owns a written object under each Object Ownership setting, and which ACLs a bucket without ACLs takes.</summary>
public class ObjectOwnerRuleTests
{
    private static readonly AclRequest FullControlForBucketOwner = new(CannedAcl.BucketOwnerFullControl, null);

    [Theory]
    [InlineData(ObjectOwnership.ObjectWriter, false, "writer")]
    [InlineData(ObjectOwnership.ObjectWriter, true, "writer")]
    [InlineData(ObjectOwnership.BucketOwnerPreferred, false, "writer")]
    [InlineData(ObjectOwnership.BucketOwnerPreferred, true, "bucket-owner")]
    [InlineData(ObjectOwnership.BucketOwnerEnforced, false, "bucket-owner")]
    [InlineData(ObjectOwnership.BucketOwnerEnforced, true, "bucket-owner")]
    public void The_owner_follows_the_setting_and_the_canned_acl(ObjectOwnership ownership, bool bucketOwnerFullControl, string expected)
    {
        var request = bucketOwnerFullControl ? FullControlForBucketOwner : AclRequest.None;

        Assert.Equal(expected, ObjectOwnerRule.OwnerOf(ownership, "bucket-owner", "writer", request));
    }

    [Fact]
    public void Only_no_acl_or_bucket_owner_full_control_passes_when_acls_are_off()
    {
        Assert.True(AclRequest.None.OnlyBucketOwnerFullControl("owner"));
        Assert.True(FullControlForBucketOwner.OnlyBucketOwnerFullControl("owner"));
        Assert.True(new AclRequest(null, [new Grant(Grantee.User("owner"), AclRight.FullControl)]).OnlyBucketOwnerFullControl("owner"));

        Assert.False(new AclRequest(CannedAcl.Private, null).OnlyBucketOwnerFullControl("owner"));
        Assert.False(new AclRequest(null, [new Grant(Grantee.User("other"), AclRight.FullControl)]).OnlyBucketOwnerFullControl("owner"));
        Assert.False(new AclRequest(null, [new Grant(Grantee.User("owner"), AclRight.Read)]).OnlyBucketOwnerFullControl("owner"));
    }

    [Fact]
    public void The_effective_block_adds_the_bucket_switches_to_the_server_default()
    {
        var bucketBlock = new PublicAccessBlock(true, false, false, false);

        Assert.Equal(PublicAccessBlock.None, new PublicAccessBlocks(PublicAccessBlock.None).Effective(null));
        Assert.Equal(bucketBlock, new PublicAccessBlocks(PublicAccessBlock.None).Effective(bucketBlock));
        Assert.Equal(PublicAccessBlock.All, new PublicAccessBlocks(PublicAccessBlock.All).Effective(bucketBlock));
        Assert.Equal(PublicAccessBlock.All, new PublicAccessBlocks(PublicAccessBlock.All).Effective(null));
    }
}
