using System.Buffers.Text;
using System.Security.Cryptography;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Sessions;

namespace Cairn.Core.Tests.Identity.Sessions;

/// <summary>Session tokens: self-contained, opened only whole and only under the master key that sealed them.</summary>
public sealed class SessionTokensTests
{
    private static readonly byte[] MasterKey = RandomNumberGenerator.GetBytes(SecretBox.KeySize);

    private readonly SessionTokens _tokens = new(new SecretBox(MasterKey));

    internal static SessionGrant Grant(string policy = """{"Statement":[]}""") => new()
    {
        AccessKeyId = SessionTokens.NewAccessKeyId(),
        Secret = AccessKeyPairs.NewSecret(),
        Kind = SessionKind.AssumedRole,
        UserId = "owner",
        RoleId = "AROAEXAMPLE",
        RoleName = "uploader",
        SessionName = "phone-1",
        Policy = policy,
        ExternalId = "ext",
        IssuedAt = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
        Expiration = new DateTimeOffset(2026, 11, 30, 11, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void A_sealed_grant_opens_to_the_same_grant_on_any_instance_with_the_same_master_key()
    {
        var grant = Grant();
        var token = _tokens.Seal(grant);

        Assert.Equal(grant, new SessionTokens(new SecretBox(MasterKey)).Open(token));
        Assert.DoesNotContain(grant.Secret, token, StringComparison.Ordinal);
        Assert.DoesNotContain("uploader", token, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokens_travel_unescaped_in_headers_queries_and_forms()
    {
        var token = _tokens.Seal(Grant());

        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' needs escaping"));
    }

    [Fact]
    public void A_token_altered_in_any_byte_does_not_open()
    {
        var bytes = Base64Url.DecodeFromChars(_tokens.Seal(Grant()));
        for (var i = 0; i < bytes.Length; i += 7)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x01;
            Assert.Null(_tokens.Open(Base64Url.EncodeToString(altered)));
        }
    }

    [Fact]
    public void A_token_sealed_under_another_master_key_does_not_open()
    {
        var other = new SessionTokens(new SecretBox(RandomNumberGenerator.GetBytes(SecretBox.KeySize)));

        Assert.Null(_tokens.Open(other.Seal(Grant())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("AAAA")]
    [InlineData("FwoGZXIvYXdzEJr//////////wEaDM+example+token==")]
    public void Garbage_does_not_open(string token)
    {
        Assert.Null(_tokens.Open(token));
    }

    [Fact]
    public void Temporary_key_ids_look_like_aws_ones_and_are_told_apart()
    {
        var id = SessionTokens.NewAccessKeyId();

        Assert.Equal(20, id.Length);
        Assert.True(SessionTokens.IsTemporary(id));
        Assert.False(SessionTokens.IsTemporary(AccessKeyPairs.NewId()));
        Assert.NotEqual(id, SessionTokens.NewAccessKeyId());
    }
}
