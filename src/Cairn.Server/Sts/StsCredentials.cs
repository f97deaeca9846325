using System.Xml;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Sessions;
using Cairn.Server.Iam;
using Cairn.Server.Xml;

namespace Cairn.Server.Sts;

/// <summary>
/// Issues temporary credentials, the one place their shape is decided: an "ASIA…" key id, a 40-character secret, a
/// session token sealing the whole grant (<see cref="SessionTokens"/>), and an expiration counted from the server's
/// clock (whole seconds, so the Expiration STS answers is exactly when the token stops working).
/// </summary>
internal sealed class StsCredentials(SessionTokens tokens, TimeProvider time)
{
    /// <summary>A grant of <paramref name="kind"/> standing on <paramref name="userId"/> for <paramref name="duration"/> from now.</summary>
    public SessionGrant NewGrant(SessionKind kind, string userId, TimeSpan duration)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        return new SessionGrant
        {
            AccessKeyId = SessionTokens.NewAccessKeyId(),
            Secret = AccessKeyPairs.NewSecret(),
            Kind = kind,
            UserId = userId,
            IssuedAt = now,
            Expiration = now + duration,
        };
    }

    /// <summary>Seals <paramref name="grant"/> into its token and returns the Credentials element that hands it out.</summary>
    public Action<XmlWriter> Issue(SessionGrant grant)
    {
        var token = tokens.Seal(grant);
        return xml =>
        {
            xml.Start("Credentials");
            xml.Element("AccessKeyId", grant.AccessKeyId);
            xml.Element("SecretAccessKey", grant.Secret);
            xml.Element("SessionToken", token);
            xml.Element("Expiration", QueryApiXml.Date(grant.Expiration));
            xml.WriteEndElement();
        };
    }
}
