using System.Xml;
using Cairn.Core.Authorization;
using Cairn.Server.Iam;
using Cairn.Server.Xml;

namespace Cairn.Server.Sts;

/// <summary>
/// GetCallerIdentity: who the signing credentials stand for (account, ARN, user id). Any valid credential may ask,
/// temporary ones included, and no policy can refuse it, as in STS.
/// </summary>
internal static class StsCallerIdentity
{
    public static Task<Action<XmlWriter>?> RunAsync(QueryApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var principal = request.Principal;
        var arn = StsCaller.Arn(principal);
        var userId = StsCaller.UserId(principal);
        return Task.FromResult<Action<XmlWriter>?>(xml =>
        {
            xml.Element("Arn", arn);
            xml.Element("UserId", userId);
            xml.Element("Account", Arns.AccountId);
        });
    }
}
