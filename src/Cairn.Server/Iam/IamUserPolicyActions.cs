using System.Xml;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Server.Xml;

namespace Cairn.Server.Iam;

/// <summary>
/// PutUserPolicy, GetUserPolicy, ListUserPolicies and DeleteUserPolicy: a user's inline policies. A document is
/// validated as a user policy before it is stored (MalformedPolicyDocument names what is wrong), kept as sent, and
/// returned URL-encoded, as IAM returns it.
/// </summary>
internal sealed class IamUserPolicyActions(IIdentityStore identities)
{
    private const string PolicyDocumentParameter = "PolicyDocument";

    public IEnumerable<IamAction> Actions =>
    [
        new("PutUserPolicy", PutAsync),
        new("GetUserPolicy", GetAsync),
        new("ListUserPolicies", ListAsync),
        new("DeleteUserPolicy", DeleteAsync),
    ];

    private async Task<Action<XmlWriter>?> PutAsync(IamCall call)
    {
        var name = IamNames.RequiredUser(call.Parameters);
        var policyName = IamNames.RequiredPolicy(call.Parameters);
        var text = call.Parameters.Required(PolicyDocumentParameter);
        PolicyText.Parse(text, PolicyKind.User);

        var user = await call.TargetUserAsync(identities);
        if (!await identities.PutUserPolicyAsync(new UserPolicy(user.Id, policyName, text), call.CancellationToken))
        {
            throw new CairnException(ErrorCode.NoSuchEntity, $"The user with name {name} cannot be found.");
        }

        return null;
    }

    private async Task<Action<XmlWriter>?> GetAsync(IamCall call)
    {
        IamNames.RequiredUser(call.Parameters);
        var policyName = IamNames.RequiredPolicy(call.Parameters);
        var user = await call.TargetUserAsync(identities);
        var policy = await identities.GetUserPolicyAsync(user.Id, policyName, call.CancellationToken)
            ?? throw NoSuchPolicy(policyName);
        return xml =>
        {
            xml.Element("UserName", user.Name);
            xml.Element("PolicyName", policy.Name);
            xml.Element(PolicyDocumentParameter, Uri.EscapeDataString(policy.Document));
        };
    }

    private async Task<Action<XmlWriter>?> ListAsync(IamCall call)
    {
        IamNames.RequiredUser(call.Parameters);
        var user = await call.TargetUserAsync(identities);
        var policies = await identities.ListUserPoliciesAsync(user.Id, call.CancellationToken);
        var page = IamPage<string>.Of(policies.Select(policy => policy.Name).Order(StringComparer.Ordinal), name => name, call.Parameters, 100);
        return xml =>
        {
            QueryApiXml.Members(xml, "PolicyNames", page.Items, static (member, name) => member.WriteString(name));
            page.WritePaging(xml);
        };
    }

    private async Task<Action<XmlWriter>?> DeleteAsync(IamCall call)
    {
        IamNames.RequiredUser(call.Parameters);
        var policyName = IamNames.RequiredPolicy(call.Parameters);
        var user = await call.TargetUserAsync(identities);
        if (!await identities.DeleteUserPolicyAsync(user.Id, policyName, call.CancellationToken))
        {
            throw NoSuchPolicy(policyName);
        }

        return null;
    }

    private static CairnException NoSuchPolicy(string policyName) =>
        new(ErrorCode.NoSuchEntity, $"The user policy with name {policyName} cannot be found.");
}
