using System.Security.Cryptography;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Roles;
using Cairn.Core.Identity.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Cairn.Core.Tests.Identity.Sessions;

/// <summary>What a request's session token must be for the request to act as the session.</summary>
public sealed class SessionVerifierTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly SessionTokens _tokens = new(new SecretBox(RandomNumberGenerator.GetBytes(SecretBox.KeySize)));
    private readonly InMemoryIdentityStore _identities = new();
    private readonly InMemoryRoleStore _roles = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 10, 30, 0, TimeSpan.Zero));
    private readonly SessionVerifier _verifier;

    public SessionVerifierTests()
    {
        _verifier = new SessionVerifier(_tokens, _identities, _roles, _time);
    }

    [Fact]
    public async Task A_valid_role_session_acts_as_the_role_owner_without_its_name_and_carries_its_grant()
    {
        var grant = await SetUpAsync();

        var (secret, principal) = await _verifier.VerifyAsync(grant.AccessKeyId, _tokens.Seal(grant), None);

        Assert.Equal(grant.Secret, secret);
        Assert.Equal("owner", principal.UserId);
        Assert.Null(principal.UserName);
        Assert.Equal(grant, principal.Session);
        Assert.False(principal.IsRoot);
    }

    [Fact]
    public async Task An_expired_token_is_ExpiredToken()
    {
        var grant = await SetUpAsync();
        _time.SetUtcNow(grant.Expiration);

        var e = await Assert.ThrowsAsync<CairnException>(() => _verifier.VerifyAsync(grant.AccessKeyId, _tokens.Seal(grant), None));
        Assert.Equal(ErrorCode.ExpiredToken, e.Code);
    }

    [Fact]
    public async Task A_token_for_another_key_or_that_does_not_open_is_InvalidToken()
    {
        var grant = await SetUpAsync();
        var token = _tokens.Seal(grant);

        Assert.Equal(ErrorCode.InvalidToken, (await Assert.ThrowsAsync<CairnException>(() => _verifier.VerifyAsync("ASIAOTHERKEY00000000", token, None))).Code);
        Assert.Equal(ErrorCode.InvalidToken, (await Assert.ThrowsAsync<CairnException>(() => _verifier.VerifyAsync(grant.AccessKeyId, token[..^4] + "AAAA", None))).Code);
    }

    [Fact]
    public async Task A_token_of_a_deleted_role_is_InvalidToken_even_when_a_role_of_that_name_exists_again()
    {
        var grant = await SetUpAsync();
        Assert.Equal(DeleteRoleOutcome.Deleted, await _roles.DeleteRoleAsync(grant.RoleId!, None));
        await _roles.CreateRoleAsync(new Role(RoleIds.New(), "uploader", "owner", "{}", Role.DefaultMaxSessionDuration, "", _time.GetUtcNow()), None);

        var e = await Assert.ThrowsAsync<CairnException>(() => _verifier.VerifyAsync(grant.AccessKeyId, _tokens.Seal(grant), None));
        Assert.Equal(ErrorCode.InvalidToken, e.Code);
    }

    [Fact]
    public async Task A_session_of_an_inactive_user_is_InvalidToken()
    {
        var grant = await SetUpAsync() with { Kind = SessionKind.SessionToken, RoleId = null, RoleName = null, SessionName = null, Policy = null };
        await _identities.UpdateUserAsync(new User("owner", "owner", DateTimeOffset.UnixEpoch, IdentityStatus.Inactive), None);

        var e = await Assert.ThrowsAsync<CairnException>(() => _verifier.VerifyAsync(grant.AccessKeyId, _tokens.Seal(grant), None));
        Assert.Equal(ErrorCode.InvalidToken, e.Code);
    }

    private async Task<SessionGrant> SetUpAsync()
    {
        await _identities.CreateUserAsync(new User("owner", "owner", DateTimeOffset.UnixEpoch, IdentityStatus.Active), None);
        var roleId = RoleIds.New();
        await _roles.CreateRoleAsync(new Role(roleId, "uploader", "owner", "{}", Role.DefaultMaxSessionDuration, "", DateTimeOffset.UnixEpoch), None);
        return SessionTokensTests.Grant() with { RoleId = roleId };
    }
}
