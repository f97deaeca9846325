using Cairn.Core.Operations;
using Cairn.Core.Errors;
using Cairn.Server.Auth;
using Cairn.Server.Routing;

namespace Cairn.Server.Pipeline;

/// <summary>
/// Decides whether an authenticated identity may perform an operation. Today every known key is the root
/// account and anonymous requests are refused; ACLs and policies plug in here.
/// </summary>
internal sealed class Authorizer
{
    public void Authorize(AuthResult auth, Operation operation, ResourcePath target)
    {
        if (auth.IsAnonymous)
        {
            throw new CairnException(ErrorCode.AccessDenied, "Access Denied");
        }
    }
}
