namespace Cairn.Core.Authorization;

/// <summary>
/// Decides whether a principal may perform an operation on a resource. Authentication has already established
/// who the principal is; a policy only decides, and a refusal is a decision, not an exception.
/// </summary>
public interface IAuthorizer
{
    Task<AuthorizationDecision> AuthorizeAsync(AccessRequest request, CancellationToken cancellationToken);
}
