using System.Xml;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Errors;
using Cairn.Core.Identity.Roles;
using Cairn.Server.Xml;

namespace Cairn.Server.Iam;

/// <summary>
/// PutRolePolicy, GetRolePolicy, ListRolePolicies and DeleteRolePolicy: a role's inline policies, which are what its
/// sessions may do. They are identity policies, validated as user policies (no Principal) before they are stored,
/// kept as sent and returned URL-encoded, as IAM returns them.
/// </summary>
internal sealed class IamRolePolicyActions(IRoleStore roles)
{
    private const string PolicyDocumentParameter = "PolicyDocument";

    public IEnumerable<IamAction> Actions =>
    [
        new("PutRolePolicy", PutAsync, IamTarget.Role),
        new("GetRolePolicy", GetAsync, IamTarget.Role),
        new("ListRolePolicies", ListAsync, IamTarget.Role),
        new("DeleteRolePolicy", DeleteAsync, IamTarget.Role),
    ];

    private async Task<Action<XmlWriter>?> PutAsync(IamCall call)
    {
        var policyName = IamNames.RequiredPolicy(call.Parameters);
        var text = call.Parameters.Required(PolicyDocumentParameter);
        PolicyText.Parse(text, PolicyKind.User);
        var role = await call.TargetRoleAsync(roles);
        if (!await roles.PutRolePolicyAsync(new RolePolicy(role.Id, policyName, text), call.CancellationToken))
        {
            throw IamCall.NoSuchRole(role.Name);
        }

        return null;
    }

    private async Task<Action<XmlWriter>?> GetAsync(IamCall call)
    {
        var policyName = IamNames.RequiredPolicy(call.Parameters);
        var role = await call.TargetRoleAsync(roles);
        var policy = await roles.GetRolePolicyAsync(role.Id, policyName, call.CancellationToken)
            ?? throw NoSuchPolicy(policyName);
        return xml =>
        {
            xml.Element("RoleName", role.Name);
            xml.Element("PolicyName", policy.Name);
            xml.Element(PolicyDocumentParameter, Uri.EscapeDataString(policy.Document));
        };
    }

    private async Task<Action<XmlWriter>?> ListAsync(IamCall call)
    {
        var role = await call.TargetRoleAsync(roles);
        var policies = await roles.ListRolePoliciesAsync(role.Id, call.CancellationToken);
        var page = IamPage<string>.Of(policies.Select(policy => policy.Name).Order(StringComparer.Ordinal), name => name, call.Parameters, 100);
        return xml =>
        {
            QueryApiXml.Members(xml, "PolicyNames", page.Items, static (member, name) => member.WriteString(name));
            page.WritePaging(xml);
        };
    }

    private async Task<Action<XmlWriter>?> DeleteAsync(IamCall call)
    {
        var policyName = IamNames.RequiredPolicy(call.Parameters);
        var role = await call.TargetRoleAsync(roles);
        if (!await roles.DeleteRolePolicyAsync(role.Id, policyName, call.CancellationToken))
        {
            throw NoSuchPolicy(policyName);
        }

        return null;
    }

    private static CairnException NoSuchPolicy(string policyName) =>
        new(ErrorCode.NoSuchEntity, $"The role policy with name {policyName} cannot be found.");
}
