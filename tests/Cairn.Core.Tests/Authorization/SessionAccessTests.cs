using Cairn.Core.Authorization;
using Cairn.Core.Authorization.Acl;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Buckets;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Roles;
using Cairn.Core.Identity.Sessions;
using Cairn.Core.Model;
using Cairn.Core.Operations;
using Cairn.Core.Ports;
using Cairn.Core.Tests.Identity;

namespace Cairn.Core.Tests.Authorization;

/// <summary>
/// The access decision for temporary credentials: a session policy narrows everything; a role session has exactly what
/// its role's policies or the bucket policy allow (never its owner's implicit rights); a GetSessionToken session is
/// its user; a federated session is its user narrowed by its policy.
/// </summary>
public sealed class SessionAccessTests
{
    private const string Owner = "owner-id";
    private const string RoleId = "AROAEXAMPLEROLEID0001";
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly InMemoryIdentityStore _identities = new();
    private readonly InMemoryRoleStore _roles = new();

    [Fact]
    public async Task A_role_session_has_what_its_role_policy_allows_and_nothing_else()
    {
        await RoleAsync(Allow("s3:PutObject", "arn:aws:s3:::b/uploads/*"));
        var session = RoleSession(policy: null);

        Assert.True(await AllowedAsync(session, Operation.PutObject, "uploads/a"));
        Assert.False(await AllowedAsync(session, Operation.PutObject, "other/a"));
        Assert.False(await AllowedAsync(session, Operation.GetObject, "uploads/a"));
    }

    [Fact]
    public async Task A_role_session_gets_no_owner_rights_from_the_user_who_owns_role_and_bucket()
    {
        await RoleAsync(policy: null);

        Assert.False(await AllowedAsync(RoleSession(policy: null), Operation.GetObject, "k"));
        Assert.False(await AllowedAsync(RoleSession(policy: null), Operation.DeleteBucket, key: null));
    }

    [Fact]
    public async Task A_session_policy_narrows_the_role_to_its_prefix()
    {
        await RoleAsync(Allow("s3:*", "arn:aws:s3:::b/*"));
        var session = RoleSession(Allow("s3:PutObject", "arn:aws:s3:::b/uploads/s1/*"));

        Assert.True(await AllowedAsync(session, Operation.PutObject, "uploads/s1/file"));
        Assert.False(await AllowedAsync(session, Operation.PutObject, "uploads/s2/file"));
        Assert.False(await AllowedAsync(session, Operation.GetObject, "uploads/s1/file"));
    }

    [Fact]
    public async Task A_session_policy_grants_nothing_the_role_does_not_have()
    {
        await RoleAsync(Allow("s3:GetObject", "arn:aws:s3:::b/*"));

        Assert.False(await AllowedAsync(RoleSession(Allow("s3:PutObject", "arn:aws:s3:::b/*")), Operation.PutObject, "k"));
    }

    [Fact]
    public async Task A_bucket_policy_naming_the_role_allows_its_sessions_and_a_role_deny_still_wins()
    {
        await RoleAsync(policy: null);
        var bucketPolicy = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:role/uploader"},
             "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}
            """;
        Assert.True(await AllowedAsync(RoleSession(policy: null), Operation.GetObject, "k", bucketPolicy));

        await _roles.PutRolePolicyAsync(new RolePolicy(RoleId, "deny", Deny("s3:GetObject", "arn:aws:s3:::b/secret/*")), None);
        Assert.False(await AllowedAsync(RoleSession(policy: null), Operation.GetObject, "secret/k", bucketPolicy));
    }

    [Fact]
    public async Task A_bucket_policy_may_name_one_session_by_its_assumed_role_arn()
    {
        await RoleAsync(policy: null);
        var bucketPolicy = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::000000000000:assumed-role/uploader/s1"},
             "Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}
            """;

        Assert.True(await AllowedAsync(RoleSession(policy: null, sessionName: "s1"), Operation.GetObject, "k", bucketPolicy));
        Assert.False(await AllowedAsync(RoleSession(policy: null, sessionName: "s2"), Operation.GetObject, "k", bucketPolicy));
    }

    [Fact]
    public async Task A_session_token_of_a_user_acts_as_that_user()
    {
        var session = new Principal(Owner, "ASIAEXAMPLE", "owner", Grant(SessionKind.SessionToken, Owner, policy: null));

        Assert.True(await AllowedAsync(session, Operation.DeleteObject, "k"));
    }

    [Fact]
    public async Task A_federated_session_is_its_user_narrowed_by_its_policy()
    {
        var session = new Principal(Owner, "ASIAEXAMPLE", "owner",
            Grant(SessionKind.Federated, Owner, Allow("s3:PutObject", "arn:aws:s3:::b/in/*"), name: "device"));

        Assert.True(await AllowedAsync(session, Operation.PutObject, "in/x"));
        Assert.False(await AllowedAsync(session, Operation.PutObject, "out/x"));
        Assert.False(await AllowedAsync(session, Operation.DeleteBucket, key: null));
    }

    [Fact]
    public async Task A_narrowed_session_of_root_is_not_root()
    {
        var session = new Principal(User.RootId, "ASIAEXAMPLE", User.RootName,
            Grant(SessionKind.Federated, User.RootId, Allow("s3:GetObject", "arn:aws:s3:::b/*"), name: "reader"));

        Assert.False(session.IsRoot);
        Assert.True(await AllowedAsync(session, Operation.GetObject, "k"));
        Assert.False(await AllowedAsync(session, Operation.PutObject, "k"));
    }

    [Fact]
    public void A_session_token_of_root_is_root_and_a_role_session_never_is()
    {
        Assert.True(new Principal(User.RootId, "ASIA1", User.RootName, Grant(SessionKind.SessionToken, User.RootId, null)).IsRoot);
        Assert.False(new Principal(User.RootId, "ASIA2", null, Grant(SessionKind.AssumedRole, User.RootId, null, name: "s")).IsRoot);
    }

    private async Task RoleAsync(string? policy)
    {
        await _roles.CreateRoleAsync(new Role(RoleId, "uploader", Owner, "{}", Role.DefaultMaxSessionDuration, "", DateTimeOffset.UnixEpoch), None);
        if (policy is not null)
        {
            await _roles.PutRolePolicyAsync(new RolePolicy(RoleId, "p", policy), None);
        }
    }

    private static Principal RoleSession(string? policy, string sessionName = "s1") =>
        new(Owner, "ASIAEXAMPLE", userName: null, Grant(SessionKind.AssumedRole, Owner, policy, sessionName));

    private static SessionGrant Grant(SessionKind kind, string userId, string? policy, string? name = null) => new()
    {
        AccessKeyId = "ASIAEXAMPLE",
        Secret = "secret",
        Kind = kind,
        UserId = userId,
        RoleId = kind == SessionKind.AssumedRole ? RoleId : null,
        RoleName = kind == SessionKind.AssumedRole ? "uploader" : null,
        SessionName = name,
        Policy = policy,
        IssuedAt = DateTimeOffset.UnixEpoch,
        Expiration = DateTimeOffset.UnixEpoch.AddHours(1),
    };

    private static string Allow(string action, string resource) => Statement("Allow", action, resource);

    private static string Deny(string action, string resource) => Statement("Deny", action, resource);

    private static string Statement(string effect, string action, string resource) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Action":"{{action}}","Resource":"{{resource}}"}]}""";

    private async Task<bool> AllowedAsync(Principal principal, Operation operation, string? key, string? bucketPolicy = null)
    {
        var documents = new Dictionary<string, string>();
        if (bucketPolicy is not null)
        {
            documents[BucketSettingNames.Policy] = bucketPolicy;
        }

        var bucket = new BucketAccess(new BucketSettings(new BucketRecord("b", Owner, DateTimeOffset.UnixEpoch), documents));
        var stored = key is null ? null : new ObjectRecord
        {
            Bucket = "b", Key = key, Size = 1, ETag = "e", LastModified = DateTimeOffset.UnixEpoch, Owner = Owner,
        };
        var resource = new ResourceRef("b", key, _ => Task.FromResult<BucketAccess?>(bucket), _ => Task.FromResult(stored));
        var evaluator = new AccessEvaluator(_identities, _roles, new PolicyCache(), new PublicAccessBlocks(PublicAccessBlock.None));
        var request = new AccessRequest(principal, operation, resource, new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase));
        return (await evaluator.AuthorizeAsync(request, None)).IsAllowed;
    }
}
