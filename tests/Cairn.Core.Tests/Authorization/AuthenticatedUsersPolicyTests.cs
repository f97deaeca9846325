using Cairn.Core.Authorization;
using Cairn.Core.Identity;
using Cairn.Core.Operations;

namespace Cairn.Core.Tests.Authorization;

/// <summary>The first policy: authenticated principals may do everything, anonymous requests nothing.</summary>
public sealed class AuthenticatedUsersPolicyTests
{
    private readonly AuthenticatedUsersPolicy _policy = new();

    [Theory]
    [InlineData(Operation.PutObject, "s3:PutObject")]
    [InlineData(Operation.DeleteBucket, "s3:DeleteBucket")]
    [InlineData(Operation.ListBuckets, "s3:ListAllMyBuckets")]
    public async Task An_authenticated_principal_is_allowed_and_told_the_action(Operation operation, string action)
    {
        var decision = await _policy.AuthorizeAsync(new Principal("u1", "AK1"), operation, NoOwnerRead("b"), CancellationToken.None);

        Assert.True(decision.IsAllowed);
        Assert.Equal(action, decision.Action);
        Assert.Null(decision.Reason);
    }

    [Fact]
    public async Task An_anonymous_request_is_denied_with_a_reason()
    {
        var decision = await _policy.AuthorizeAsync(Principal.Anonymous, Operation.GetObject, NoOwnerRead("b", "k"), CancellationToken.None);

        Assert.False(decision.IsAllowed);
        Assert.Equal("s3:GetObject", decision.Action);
        Assert.False(string.IsNullOrEmpty(decision.Reason));
    }

    /// <summary>A resource whose owner must not be read: this policy decides without it.</summary>
    private static ResourceRef NoOwnerRead(string bucket, string? key = null) =>
        new(bucket, key, _ => throw new InvalidOperationException("The policy read the bucket owner."));
}
