using Cairn.Core.Authorization;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Errors;
using Cairn.Core.Identity;

namespace Cairn.Server.Iam;

/// <summary>
/// Who may call the admin API: the root user always; any other user when its inline policies allow
/// <c>iam:&lt;Action&gt;</c> on the ARN of what the call is about (<see cref="ResourceOf"/>) and none denies it: an
/// explicit Deny wins, no Allow is a refusal (AccessDenied, worded as IAM words it).
/// </summary>
internal sealed class IamPermissions(IIdentityStore identities, TimeProvider time)
{
    /// <summary>The resource of calls about the list of users rather than one user (ListUsers).</summary>
    public static readonly string UserListArn = Arns.User(string.Empty);

    /// <summary>The resource of calls about the list of roles rather than one role (ListRoles).</summary>
    public static readonly string RoleListArn = Arns.Role(string.Empty);

    /// <summary>
    /// The ARN an action's permission is checked on: the user or role it names, the list it reads, or the account
    /// for what concerns the whole store.
    /// </summary>
    public static string ResourceOf(IamAction action, IamCall call)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(call);
        return action.Target switch
        {
            IamTarget.UserList => UserListArn,
            IamTarget.Role => Arns.Role(IamNames.RequiredRole(call.Parameters)),
            IamTarget.RoleList => RoleListArn,
            IamTarget.Store => Arns.AccountRoot,
            _ => Arns.User(call.TargetName),
        };
    }

    public async Task RequireAsync(HttpContext context, User caller, IamAction action, string resource, CancellationToken cancellationToken)
    {
        if (caller.IsRoot)
        {
            return;
        }

        var request = new PolicyRequest
        {
            Action = "iam:" + action.Name,
            Resource = resource,
            Caller = new PolicyCaller(caller.Id, caller.Name),
            Conditions = QueryApiConditions.Of(context, time),
        };
        var allowed = false;
        foreach (var policy in await identities.ListUserPoliciesAsync(caller.Id, cancellationToken))
        {
            var verdict = PolicyDocument.Parse(policy.Document, PolicyKind.User).Evaluate(request);
            if (verdict == PolicyVerdict.Deny)
            {
                throw Denied(caller, request);
            }

            allowed |= verdict == PolicyVerdict.Allow;
        }

        if (!allowed)
        {
            throw Denied(caller, request);
        }
    }

    private static CairnException Denied(User caller, PolicyRequest request) =>
        new(ErrorCode.AccessDenied,
            $"User: {Arns.User(caller.Name)} is not authorized to perform: {request.Action} on resource: {request.Resource}");
}
