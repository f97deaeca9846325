using Cairn.Core.Identity;
using Cairn.Core.Operations;

namespace Cairn.Core.Authorization;

/// <summary>
/// The first policy: every authenticated principal may do everything, anonymous requests nothing. It never looks
/// at the resource, so it reads nothing. Ownership, ACLs and bucket policies come as further policies with the
/// same shape.
/// </summary>
public sealed class AuthenticatedUsersPolicy : IAuthorizer
{
    public Task<AuthorizationDecision> AuthorizeAsync(
        Principal principal, Operation operation, ResourceRef resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var action = Permissions.ActionFor(operation);
        return Task.FromResult(principal.IsAnonymous
            ? AuthorizationDecision.Deny(action, "Anonymous requests are not allowed.")
            : AuthorizationDecision.Allow(action));
    }
}
