using Cairn.Core.Authorization;
using Cairn.Core.Authorization.Acl;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Buckets;
using Cairn.Core.Identity;
using Cairn.Core.Model;
using Cairn.Core.Operations;
using Cairn.Core.Ports;
using Cairn.Core.Tests.Identity;

namespace Cairn.Core.Tests.Authorization;

/// <summary>
/// The one access decision, on in-memory buckets and objects: root, ownership, ACL grants, the public access block,
/// Object Ownership, missing keys, and policies (user and bucket) with Deny winning.
/// </summary>
public sealed class AccessEvaluatorTests
{
    private const string Owner = "owner-id";
    private const string Alice = "alice-id";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly InMemoryIdentityStore _identities = new();

    private static Principal User(string id, string? name = null) => new(id, "AK-" + id, userName: name ?? id);

    private static Principal Root => new(Cairn.Core.Identity.User.RootId, "ROOTKEY");

    [Fact]
    public async Task Root_may_do_everything_even_on_a_bucket_it_does_not_own_and_reads_nothing()
    {
        var decision = await Evaluator().AuthorizeAsync(Request(Root, Operation.DeleteBucket, Unreadable("b")), None);

        Assert.True(decision.IsAllowed);
    }

    [Theory]
    [InlineData(Operation.DeleteBucket)]
    [InlineData(Operation.PutBucketPolicy)]
    [InlineData(Operation.GetBucketLocation)]
    [InlineData(Operation.PutObject)]
    [InlineData(Operation.ListObjectsV2)]
    public async Task The_bucket_owner_may_manage_and_use_its_bucket_and_nobody_else_may(Operation operation)
    {
        var bucket = Bucket();

        Assert.True((await Decide(User(Owner), operation, bucket)).IsAllowed);
        Assert.False((await Decide(User(Alice), operation, bucket)).IsAllowed);
        Assert.False((await Decide(Principal.Anonymous, operation, bucket)).IsAllowed);
    }

    [Fact]
    public async Task A_public_read_bucket_lets_anyone_list_but_not_write()
    {
        var bucket = Bucket(acl: CannedAcls.Expand(CannedAcl.PublicRead, Owner, Owner));

        Assert.True((await Decide(Principal.Anonymous, Operation.ListObjects, bucket)).IsAllowed);
        Assert.True((await Decide(User(Alice), Operation.ListMultipartUploads, bucket)).IsAllowed);
        Assert.False((await Decide(Principal.Anonymous, Operation.PutObject, bucket)).IsAllowed);
        Assert.False((await Decide(User(Alice), Operation.GetBucketAcl, bucket)).IsAllowed);
    }

    [Fact]
    public async Task Authenticated_read_excludes_anonymous_requests()
    {
        var bucket = Bucket(acl: CannedAcls.Expand(CannedAcl.AuthenticatedRead, Owner, Owner));

        Assert.True((await Decide(User(Alice), Operation.ListObjectsV2, bucket)).IsAllowed);
        Assert.False((await Decide(Principal.Anonymous, Operation.ListObjectsV2, bucket)).IsAllowed);
    }

    [Fact]
    public async Task Ignore_public_acls_makes_public_grants_count_for_nothing_but_keeps_named_ones()
    {
        var acl = new AccessControlList([
            new Grant(Grantee.User(Owner), AclRight.FullControl),
            new Grant(Grantee.AllUsers, AclRight.Read),
            new Grant(Grantee.User(Alice), AclRight.Write),
        ]);
        var bucket = Bucket(acl: acl, block: new PublicAccessBlock(false, true, false, false));

        Assert.False((await Decide(Principal.Anonymous, Operation.ListObjects, bucket)).IsAllowed);
        Assert.True((await Decide(User(Alice), Operation.PutObject, bucket)).IsAllowed);
    }

    [Fact]
    public async Task The_server_wide_block_applies_to_every_bucket()
    {
        var bucket = Bucket(acl: CannedAcls.Expand(CannedAcl.PublicRead, Owner, Owner));

        var decision = await Evaluator(PublicAccessBlock.All).AuthorizeAsync(Request(Principal.Anonymous, Operation.ListObjects, Resource(bucket, null, null)), None);

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public async Task An_object_is_read_by_its_grants_and_the_bucket_owner_has_no_right_to_another_writers_object()
    {
        var stored = Object(owner: Alice, acl: CannedAcls.Expand(CannedAcl.PublicRead, Alice, Owner));
        var bucket = Bucket();

        Assert.True((await Decide(Principal.Anonymous, Operation.GetObject, bucket, stored)).IsAllowed);
        Assert.True((await Decide(User(Alice), Operation.PutObjectAcl, bucket, stored)).IsAllowed);
        Assert.False((await Decide(User(Owner), Operation.GetObjectAcl, bucket, stored)).IsAllowed);
        Assert.False((await Decide(Principal.Anonymous, Operation.PutObjectAcl, bucket, stored)).IsAllowed);
    }

    [Fact]
    public async Task Bucket_owner_full_control_gives_the_bucket_owner_the_object()
    {
        var stored = Object(owner: Alice, acl: CannedAcls.Expand(CannedAcl.BucketOwnerFullControl, Alice, Owner));

        Assert.True((await Decide(User(Owner), Operation.GetObject, Bucket(), stored)).IsAllowed);
    }

    [Fact]
    public async Task Bucket_owner_enforced_makes_the_bucket_owner_own_every_object_and_switches_grants_off()
    {
        var stored = Object(owner: Alice, acl: CannedAcls.Expand(CannedAcl.PublicRead, Alice, Owner));
        var bucket = Bucket(ownership: ObjectOwnership.BucketOwnerEnforced, acl: CannedAcls.Expand(CannedAcl.PublicReadWrite, Owner, Owner));

        Assert.True((await Decide(User(Owner), Operation.GetObject, bucket, stored)).IsAllowed);
        Assert.False((await Decide(User(Alice), Operation.GetObject, bucket, stored)).IsAllowed);
        Assert.False((await Decide(Principal.Anonymous, Operation.PutObject, bucket)).IsAllowed);
    }

    [Fact]
    public async Task A_missing_key_is_allowed_through_to_its_404_only_for_whoever_may_list_the_bucket()
    {
        var publicBucket = Bucket(acl: CannedAcls.Expand(CannedAcl.PublicRead, Owner, Owner));

        Assert.True((await Decide(Principal.Anonymous, Operation.GetObject, publicBucket, missing: true)).IsAllowed);
        Assert.False((await Decide(Principal.Anonymous, Operation.GetObject, Bucket(), missing: true)).IsAllowed);
        Assert.True((await Decide(User(Owner), Operation.HeadObject, Bucket(), missing: true)).IsAllowed);
    }

    [Fact]
    public async Task A_missing_bucket_is_for_any_signed_request_to_learn_and_refused_to_anonymous_ones()
    {
        var missing = new ResourceRef("gone", "k", _ => Task.FromResult<BucketAccess?>(null), _ => Task.FromResult<ObjectRecord?>(null));

        Assert.True((await Evaluator().AuthorizeAsync(Request(User(Alice), Operation.GetObject, missing), None)).IsAllowed);
        Assert.False((await Evaluator().AuthorizeAsync(Request(Principal.Anonymous, Operation.GetObject, missing), None)).IsAllowed);
    }

    [Fact]
    public async Task Account_operations_need_a_signature()
    {
        var none = new ResourceRef(null, null, null);

        Assert.True((await Evaluator().AuthorizeAsync(Request(User(Alice), Operation.ListBuckets, none), None)).IsAllowed);
        Assert.False((await Evaluator().AuthorizeAsync(Request(Principal.Anonymous, Operation.ListBuckets, none), None)).IsAllowed);
    }

    [Fact]
    public async Task A_bucket_operation_never_reads_the_object()
    {
        var resource = new ResourceRef("b", null, _ => Task.FromResult<BucketAccess?>(Bucket()),
            _ => throw new InvalidOperationException("the object was read"));

        Assert.True((await Evaluator().AuthorizeAsync(Request(User(Owner), Operation.ListObjects, resource), None)).IsAllowed);
    }

    [Fact]
    public async Task A_user_policy_allow_reaches_another_users_bucket_and_its_deny_beats_a_public_grant()
    {
        await _identities.CreateUserAsync(new User(Alice, "alice", DateTimeOffset.UnixEpoch, IdentityStatus.Active), None);
        await _identities.PutUserPolicyAsync(new UserPolicy(Alice, "p", """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/uploads/${aws:username}/*"},
              {"Effect":"Deny","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"}]}
            """), None);
        var publicBucket = Bucket(acl: CannedAcls.Expand(CannedAcl.PublicRead, Owner, Owner));

        Assert.True((await Decide(User(Alice, "alice"), Operation.PutObject, publicBucket, key: "uploads/alice/x")).IsAllowed);
        Assert.False((await Decide(User(Alice, "alice"), Operation.PutObject, publicBucket, key: "uploads/bob/x")).IsAllowed);
        Assert.False((await Decide(User(Alice, "alice"), Operation.ListObjects, publicBucket)).IsAllowed);
        Assert.True((await Decide(Principal.Anonymous, Operation.ListObjects, publicBucket)).IsAllowed);
    }

    [Fact]
    public async Task A_bucket_policy_allows_and_denies_and_its_deny_binds_the_owner_too()
    {
        var policy = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/public/*"},
              {"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/*"}]}
            """;
        var bucket = Bucket(policy: policy);

        Assert.True((await Decide(Principal.Anonymous, Operation.GetObject, bucket, key: "public/a")).IsAllowed);
        Assert.False((await Decide(Principal.Anonymous, Operation.GetObject, bucket, key: "private/a")).IsAllowed);
        Assert.False((await Decide(User(Owner), Operation.DeleteObject, bucket, key: "public/a")).IsAllowed);
        Assert.True((await Evaluator().AuthorizeAsync(Request(Root, Operation.DeleteObject, Resource(bucket, "public/a", null)), None)).IsAllowed);
    }

    [Fact]
    public async Task Restrict_public_buckets_lets_a_public_policy_allow_only_the_owner()
    {
        var policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}""";
        var bucket = Bucket(policy: policy, block: new PublicAccessBlock(false, false, false, true));

        Assert.False((await Decide(Principal.Anonymous, Operation.GetObject, bucket, key: "k")).IsAllowed);
        Assert.False((await Decide(User(Alice), Operation.GetObject, bucket, key: "k")).IsAllowed);
    }

    private AccessEvaluator Evaluator(PublicAccessBlock? serverBlock = null) =>
        new(_identities, new InMemoryRoleStore(), new PolicyCache(), new PublicAccessBlocks(serverBlock ?? PublicAccessBlock.None));

    private Task<AuthorizationDecision> Decide(
        Principal principal, Operation operation, BucketAccess bucket, ObjectRecord? stored = null, bool missing = false, string? key = null)
    {
        var objectKey = key ?? (stored is not null || missing || AclRequirements.For(operation).Scope == AclScope.ObjectGrant ? "k" : null);
        var record = stored ?? (missing || objectKey is null ? null : Object(owner: Owner, acl: null));
        return Evaluator().AuthorizeAsync(Request(principal, operation, Resource(bucket, objectKey, record)), None);
    }

    private static ResourceRef Resource(BucketAccess bucket, string? key, ObjectRecord? stored) =>
        new(bucket.Name, key, _ => Task.FromResult<BucketAccess?>(bucket), _ => Task.FromResult(stored));

    private static ResourceRef Unreadable(string bucket) =>
        new(bucket, null, _ => throw new InvalidOperationException("the bucket was read"));

    private static AccessRequest Request(Principal principal, Operation operation, ResourceRef resource) =>
        new(principal, operation, resource, new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase));

    private static BucketAccess Bucket(
        AccessControlList? acl = null, PublicAccessBlock? block = null, ObjectOwnership? ownership = null, string? policy = null)
    {
        var documents = new Dictionary<string, string>();
        if (acl is not null)
        {
            documents[BucketSettingNames.Acl] = AclJson.Write(acl);
        }

        if (block is not null)
        {
            documents[BucketSettingNames.PublicAccessBlock] = BucketSettingsCodec.WritePublicAccessBlock(block);
        }

        if (ownership is { } value)
        {
            documents[BucketSettingNames.OwnershipControls] = BucketSettingsCodec.Spell(value);
        }

        if (policy is not null)
        {
            documents[BucketSettingNames.Policy] = policy;
        }

        return new BucketAccess(new BucketSettings(new BucketRecord("b", Owner, DateTimeOffset.UnixEpoch), documents));
    }

    private static ObjectRecord Object(string owner, AccessControlList? acl) => new()
    {
        Bucket = "b", Key = "k", Size = 1, ETag = "e", LastModified = DateTimeOffset.UnixEpoch, Owner = owner, Acl = acl,
    };
}
