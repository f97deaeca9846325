using System.Xml;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Sessions;
using Cairn.Server.Iam;
using Cairn.Server.Xml;

namespace Cairn.Server.Sts;

/// <summary>
/// GetSessionToken and GetFederationToken (docs/identity.md "Roles and temporary credentials"): temporary
/// credentials standing on the calling user, asked for with its long-term key only (AccessDenied for session
/// credentials, as STS answers). A GetSessionToken session has the user's own rights; a federated session has the
/// user's rights narrowed by the Policy given, and without one it may do nothing, as in STS. Neither needs a
/// permission: no session can do more than the user itself. Sessions last 900 seconds to 36 hours (12 by default);
/// the root user's at most one hour, longer requests being shortened as STS shortens them.
/// </summary>
internal sealed class StsSessionTokenActions(StsCredentials credentials)
{
    private const int MaxDurationSeconds = 129600;
    private const int DefaultDurationSeconds = 43200;

    public IEnumerable<StsAction> Actions =>
    [
        new("GetSessionToken", GetSessionTokenAsync),
        new("GetFederationToken", GetFederationTokenAsync),
    ];

    private Task<Action<XmlWriter>?> GetSessionTokenAsync(QueryApiRequest request)
    {
        var principal = request.Principal;
        StsCaller.RequireLongTermKey(principal, "GetSessionToken");
        StsParameters.RefuseUnsupported(request.Parameters);
        var grant = credentials.NewGrant(SessionKind.SessionToken, principal.UserId!, Duration(request));
        return Task.FromResult<Action<XmlWriter>?>(credentials.Issue(grant));
    }

    private Task<Action<XmlWriter>?> GetFederationTokenAsync(QueryApiRequest request)
    {
        var principal = request.Principal;
        StsCaller.RequireLongTermKey(principal, "GetFederationToken");
        var parameters = request.Parameters;
        StsParameters.RefuseUnsupported(parameters);
        var name = StsParameters.Name(parameters, "Name", 2, 32);
        var policy = StsParameters.SessionPolicy(parameters);
        var grant = credentials.NewGrant(SessionKind.Federated, principal.UserId!, Duration(request)) with
        {
            SessionName = name,
            Policy = policy,
        };
        var issued = credentials.Issue(grant);
        return Task.FromResult<Action<XmlWriter>?>(xml =>
        {
            issued(xml);
            xml.Start("FederatedUser");
            xml.Element("FederatedUserId", StsCaller.FederatedUserId(name));
            xml.Element("Arn", grant.Arn);
            xml.WriteEndElement();
            if (policy is not null)
            {
                xml.Element("PackedPolicySize", StsParameters.PackedPolicySize(policy));
            }
        });
    }

    /// <summary>DurationSeconds: 900..129,600, 43,200 by default; for the root user at most (and by default) one hour.</summary>
    private static TimeSpan Duration(QueryApiRequest request)
    {
        var isRoot = request.Principal.UserId == User.RootId;
        var fallback = isRoot ? (int)StsParameters.RootMaxDuration.TotalSeconds : DefaultDurationSeconds;
        var duration = StsParameters.Duration(request.Parameters, MaxDurationSeconds, fallback);
        return isRoot && duration > StsParameters.RootMaxDuration ? StsParameters.RootMaxDuration : duration;
    }
}
