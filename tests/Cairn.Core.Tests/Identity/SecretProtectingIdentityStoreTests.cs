using System.Security.Cryptography;
using Cairn.Core.Identity;

namespace Cairn.Core.Tests.Identity;

/// <summary>
/// The store below only ever holds sealed secrets, callers only ever see opened ones, secrets stored before sealing
/// keep working and are sealed at start, and a wrong master key is found at start.
/// </summary>
public sealed class SecretProtectingIdentityStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly InMemoryIdentityStore _inner = new();
    private readonly SecretBox _box = new(RandomNumberGenerator.GetBytes(SecretBox.KeySize));
    private readonly User _alice = new("u1", "alice", Now, IdentityStatus.Active);

    public SecretProtectingIdentityStoreTests()
    {
        _inner.CreateUserAsync(_alice, None).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Keys_are_stored_sealed_and_read_back_opened()
    {
        var store = new SecretProtectingIdentityStore(_inner, _box);
        var key = new AccessKey("AK1", "the-secret", _alice.Id, IdentityStatus.Active, null, Now);

        Assert.True(await store.CreateAccessKeyAsync(key, None));
        Assert.True(await store.UpdateAccessKeyAsync(key with { Secret = "new-secret" }, None));

        var stored = (await _inner.FindAccessKeyAsync("AK1", None))!.Key;
        Assert.True(SecretBox.IsSealed(stored.Secret));
        Assert.DoesNotContain("new-secret", stored.Secret, StringComparison.Ordinal);
        Assert.Equal(key with { Secret = "new-secret" }, (await store.FindAccessKeyAsync("AK1", None))!.Key);
        Assert.Equal([key with { Secret = "new-secret" }], await store.ListAccessKeysAsync(_alice.Id, None));
    }

    [Fact]
    public async Task Secrets_stored_before_sealing_work_until_the_start_seals_them_in_one_pass()
    {
        var legacy = new AccessKey("AKOLD", "old-secret", _alice.Id, IdentityStatus.Inactive, Now.AddDays(1), Now);
        await _inner.CreateAccessKeyAsync(legacy, None);
        var store = new SecretProtectingIdentityStore(_inner, _box);
        await store.CreateAccessKeyAsync(new AccessKey("AKNEW", "new-secret", _alice.Id, IdentityStatus.Active, null, Now), None);
        Assert.Equal(legacy, (await store.FindAccessKeyAsync("AKOLD", None))!.Key);

        Assert.Equal(1, await store.ProtectStoredSecretsAsync(None));
        Assert.Equal(0, await store.ProtectStoredSecretsAsync(None));

        Assert.All(await _inner.ListAccessKeysAsync(_alice.Id, None), k => Assert.True(SecretBox.IsSealed(k.Secret)));
        Assert.Equal(legacy, (await store.FindAccessKeyAsync("AKOLD", None))!.Key);
        Assert.Equal("new-secret", (await store.FindAccessKeyAsync("AKNEW", None))!.Key.Secret);
    }

    [Fact]
    public async Task The_pass_walks_every_user_over_several_pages()
    {
        for (var i = 0; i < 230; i++)
        {
            var user = new User($"id-{i}", $"user-{i:D3}", Now, IdentityStatus.Active);
            await _inner.CreateUserAsync(user, None);
            await _inner.CreateAccessKeyAsync(new AccessKey($"AK{i}", $"secret-{i}", user.Id, IdentityStatus.Active, null, Now), None);
        }

        Assert.Equal(230, await new SecretProtectingIdentityStore(_inner, _box).ProtectStoredSecretsAsync(None));

        Assert.True(SecretBox.IsSealed((await _inner.FindAccessKeyAsync("AK229", None))!.Key.Secret));
    }

    [Fact]
    public async Task Secrets_sealed_with_another_master_key_stop_the_pass_naming_the_key()
    {
        await new SecretProtectingIdentityStore(_inner, _box)
            .CreateAccessKeyAsync(new AccessKey("AK1", "the-secret", _alice.Id, IdentityStatus.Active, null, Now), None);
        var wrong = new SecretProtectingIdentityStore(_inner, new SecretBox(RandomNumberGenerator.GetBytes(SecretBox.KeySize)));

        var refused = await Assert.ThrowsAsync<UnreadableSecretException>(() => wrong.ProtectStoredSecretsAsync(None));

        Assert.Equal("AK1", refused.AccessKeyId);
        Assert.DoesNotContain("the-secret", refused.Message, StringComparison.Ordinal);
    }
}
