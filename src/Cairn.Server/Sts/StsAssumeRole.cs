using System.Xml;
using Cairn.Core.Authorization;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Errors;
using Cairn.Core.Identity.Roles;
using Cairn.Core.Identity.Sessions;
using Cairn.Server.Iam;
using Cairn.Server.Xml;

namespace Cairn.Server.Sts;

/// <summary>
/// AssumeRole (docs/identity.md "Roles and temporary credentials"): temporary credentials for a session of a
/// role, standing on the role's owner. Who may assume a role is decided by its trust policy alone: it must allow
/// <c>sts:AssumeRole</c> for the caller (a user, a user's GetSessionToken session, or another role's session — role
/// chaining, capped at one hour), seen with the keys aws:username, aws:userid, aws:PrincipalType, aws:PrincipalArn,
/// sts:RoleSessionName and sts:ExternalId; the root user may always assume. A role that does not exist is refused
/// exactly as one the caller may not assume, so its existence is not revealed.
/// </summary>
internal sealed class StsAssumeRole(IRoleStore roles, StsCredentials credentials, TimeProvider time)
{
    public const string ActionName = "AssumeRole";

    /// <summary>STS's bounds of AssumeRole's DurationSeconds, and its default.</summary>
    public const int MaxDurationSeconds = 43200;
    public const int DefaultDurationSeconds = 3600;

    /// <summary>The longest session a role session may get by assuming another role (role chaining), as STS caps it.</summary>
    public static readonly TimeSpan ChainedMaxDuration = TimeSpan.FromHours(1);

    private const string RoleArnPrefix = "arn:aws:iam::" + Arns.AccountId + ":role/";

    public IEnumerable<StsAction> Actions => [new(ActionName, RunAsync)];

    private async Task<Action<XmlWriter>?> RunAsync(QueryApiRequest request)
    {
        var parameters = request.Parameters;
        var principal = request.Principal;
        StsParameters.RefuseUnsupported(parameters);
        var roleArn = RoleArn(parameters);
        var sessionName = StsParameters.Name(parameters, "RoleSessionName", 2, 64);
        var duration = StsParameters.Duration(parameters, MaxDurationSeconds, DefaultDurationSeconds);
        var policy = StsParameters.SessionPolicy(parameters);
        var externalId = StsParameters.ExternalId(parameters);

        var role = await FindAsync(roleArn, request.CancellationToken);
        if (role is null || !MayAssume(request, role, sessionName, externalId))
        {
            throw new CairnException(ErrorCode.AccessDenied,
                $"User: {StsCaller.Arn(principal)} is not authorized to perform: sts:{ActionName} on resource: {roleArn}");
        }

        if (duration > role.MaxSessionDuration)
        {
            throw new CairnException(ErrorCode.ValidationError, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        if (principal.Session is { Kind: SessionKind.AssumedRole } && duration > ChainedMaxDuration)
        {
            throw new CairnException(ErrorCode.ValidationError,
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        var grant = credentials.NewGrant(SessionKind.AssumedRole, role.OwnerId, duration) with
        {
            RoleId = role.Id,
            RoleName = role.Name,
            SessionName = sessionName,
            Policy = policy,
            ExternalId = externalId,
        };
        var issued = credentials.Issue(grant);
        return xml =>
        {
            issued(xml);
            xml.Start("AssumedRoleUser");
            xml.Element("AssumedRoleId", $"{role.Id}:{sessionName}");
            xml.Element("Arn", grant.Arn);
            xml.WriteEndElement();
            if (policy is not null)
            {
                xml.Element("PackedPolicySize", StsParameters.PackedPolicySize(policy));
            }
        };
    }

    /// <summary>RoleArn: 20 to 2,048 characters, as STS bounds it; whether it names a role is decided later.</summary>
    private static string RoleArn(QueryApiParameters parameters)
    {
        var arn = parameters.Required("RoleArn");
        if (arn.Length is < 20 or > 2048)
        {
            throw new CairnException(ErrorCode.ValidationError,
                $"1 validation error detected: Value '{arn}' at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048");
        }

        return arn;
    }

    /// <summary>The role an ARN of this account names (no path: every role is at "/"); null for anything else.</summary>
    private async Task<Role?> FindAsync(string roleArn, CancellationToken cancellationToken)
    {
        if (!roleArn.StartsWith(RoleArnPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = roleArn[RoleArnPrefix.Length..];
        return name.Length is 0 or > 64 || !IamNames.IsName(name) ? null : await roles.FindRoleByNameAsync(name, cancellationToken);
    }

    private bool MayAssume(QueryApiRequest request, Role role, string sessionName, string? externalId)
    {
        var principal = request.Principal;
        if (principal.IsRoot)
        {
            return true;
        }

        if (principal.Session is { Kind: SessionKind.Federated })
        {
            return false;
        }

        var conditions = QueryApiConditions.Of(request.Context, time);
        conditions["aws:PrincipalType"] = [StsCaller.PrincipalType(principal)];
        conditions["aws:PrincipalArn"] = [StsCaller.PrincipalArn(principal)];
        conditions["aws:PrincipalAccount"] = [Arns.AccountId];
        conditions["sts:RoleSessionName"] = [sessionName];
        if (externalId is not null)
        {
            conditions["sts:ExternalId"] = [externalId];
        }

        var trust = PolicyDocument.Parse(role.TrustPolicy, PolicyKind.Trust);
        return trust.Evaluate(new PolicyRequest
        {
            Action = "sts:" + ActionName,
            Resource = role.Arn,
            Caller = PolicyCaller.For(principal),
            Conditions = conditions,
        }) == PolicyVerdict.Allow;
    }
}
