using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Dialects.S3.Auth;
using Microsoft.Extensions.Time.Testing;
using static Cairn.Server.Tests.Auth.AuthTestKit;

namespace Cairn.Server.Tests.Auth;

/// <summary>
/// Which keys may sign: a verified request acts as the key's user, and a deactivated or expired key is refused on
/// its very next request although its signing key is cached.
/// </summary>
public sealed class AccessKeyAcceptanceTests
{
    private const string ExampleSignature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    private readonly FakeTimeProvider _time = new(ExampleTime);
    private readonly AccessKey _key = new(AccessKeyId, Secret, "alice-id", IdentityStatus.Active, null, ExampleTime.AddDays(-1));

    [Fact]
    public void A_verified_request_acts_as_the_user_the_key_belongs_to()
    {
        var result = Authenticator(new TestIdentityStore(_key)).Authenticate(GetObject(ExampleSignature), null);

        Assert.Equal("alice-id", result.Principal.UserId);
        Assert.Equal(AccessKeyId, result.Principal.AccessKeyId);
    }

    [Fact]
    public async Task A_key_deactivated_after_it_signed_is_refused_on_the_next_request()
    {
        var store = new TestIdentityStore(_key);
        var authenticator = Authenticator(store);
        authenticator.Authenticate(GetObject(ExampleSignature), null);

        await store.UpdateAccessKeyAsync(_key with { Status = IdentityStatus.Inactive }, CancellationToken.None);

        var ex = Throws(ErrorCode.InvalidAccessKeyId, () => authenticator.Authenticate(GetObject(ExampleSignature), null));
        Assert.Equal(AccessKeyId, ex.Extra!["AWSAccessKeyId"]);
    }

    [Fact]
    public void A_key_is_refused_from_the_instant_it_expires()
    {
        var authenticator = Authenticator(new TestIdentityStore(_key with { ExpiresAt = ExampleTime.AddMinutes(1) }));
        authenticator.Authenticate(GetObject(ExampleSignature), null);

        _time.Advance(TimeSpan.FromMinutes(1));

        Throws(ErrorCode.InvalidAccessKeyId, () => authenticator.Authenticate(GetObject(ExampleSignature), null));
    }

    private RequestAuthenticator Authenticator(IIdentityStore store) => AuthTestKit.Authenticator(store, _time);
}
