using System.Globalization;
using Cairn.Core.Authorization;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Errors;
using Cairn.Core.Identity;

namespace Cairn.Server.Iam;

/// <summary>
/// Who may call the admin API: the root user always; any other user when its inline policies allow
/// <c>iam:&lt;Action&gt;</c> on the ARN of the user the call is about (the users' list for ListUsers) and none denies
/// it: an explicit Deny wins, no Allow is a refusal (AccessDenied, worded as IAM words it).
/// </summary>
internal sealed class IamPermissions(IIdentityStore identities, TimeProvider time)
{
    /// <summary>The resource of calls about the list of users rather than one user (ListUsers).</summary>
    public static readonly string UserListArn = Arns.User(string.Empty);

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
            Conditions = Conditions(context),
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

    /// <summary>
    /// The global condition keys an admin API call has besides those of its caller (aws:username and aws:userid
    /// follow from <see cref="PolicyCaller"/>); the S3-specific ones do not apply to it.
    /// </summary>
    private Dictionary<string, IReadOnlyList<string>> Conditions(HttpContext context) =>
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:SourceIp"] = [context.Connection.RemoteIpAddress?.ToString() ?? string.Empty],
            ["aws:SecureTransport"] = [context.Request.IsHttps ? "true" : "false"],
            ["aws:CurrentTime"] = [time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)],
        };

    private static CairnException Denied(User caller, PolicyRequest request) =>
        new(ErrorCode.AccessDenied,
            $"User: {Arns.User(caller.Name)} is not authorized to perform: {request.Action} on resource: {request.Resource}");
}
