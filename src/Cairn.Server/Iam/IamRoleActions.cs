using System.Xml;
using Cairn.Core.Authorization.Policies;
using Cairn.Core.Errors;
using Cairn.Core.Identity.Roles;

namespace Cairn.Server.Iam;

/// <summary>
/// CreateRole, GetRole, ListRoles, UpdateRole, UpdateAssumeRolePolicy and DeleteRole (docs/access-control.md "Roles and
/// temporary credentials"). A role's trust policy (AssumeRolePolicyDocument) is validated as a trust policy before it
/// is kept; the role belongs to the user who created it, who owns what its sessions write. A role is deleted only once
/// its inline policies are gone, as IAM requires.
/// </summary>
internal sealed class IamRoleActions(IRoleStore roles, TimeProvider time)
{
    /// <summary>IAM's bounds of MaxSessionDuration, in seconds (1 to 12 hours).</summary>
    public const int MinSessionSeconds = 3600;
    public const int MaxSessionSeconds = 43200;

    private const int DefaultMaxItems = 100;
    private const int MaxDescriptionLength = 1000;
    private const string MaxSessionDurationParameter = "MaxSessionDuration";
    private const string DescriptionParameter = "Description";

    public IEnumerable<IamAction> Actions =>
    [
        new("CreateRole", CreateAsync, IamTarget.Role),
        new("GetRole", GetAsync, IamTarget.Role),
        new("ListRoles", ListAsync, IamTarget.RoleList),
        new("UpdateRole", UpdateAsync, IamTarget.Role),
        new("UpdateAssumeRolePolicy", UpdateTrustAsync, IamTarget.Role),
        new("DeleteRole", DeleteAsync, IamTarget.Role),
    ];

    private async Task<Action<XmlWriter>?> CreateAsync(IamCall call)
    {
        var parameters = call.Parameters;
        var name = IamNames.RequiredRole(parameters);
        IamNames.RequireRootPath(parameters);
        if (parameters.HasAnyStartingWith("Tags.") || parameters.Optional("PermissionsBoundary") is not null)
        {
            throw new CairnException(ErrorCode.NotImplemented, "Cairn does not keep tags or permissions boundaries on roles.");
        }

        var trust = parameters.Required("AssumeRolePolicyDocument");
        PolicyText.Parse(trust, PolicyKind.Trust);
        var role = new Role(RoleIds.New(), name, call.Caller.Id, trust, MaxSessionDuration(parameters, Role.DefaultMaxSessionDuration),
            Description(parameters) ?? string.Empty, time.GetUtcNow());
        if (await roles.FindRoleByNameAsync(name, call.CancellationToken) is not null
            || !await roles.CreateRoleAsync(role, call.CancellationToken))
        {
            throw new CairnException(ErrorCode.EntityAlreadyExists, $"Role with name {name} already exists.");
        }

        return xml => RoleElement(xml, role);
    }

    private async Task<Action<XmlWriter>?> GetAsync(IamCall call)
    {
        var role = await call.TargetRoleAsync(roles);
        return xml => RoleElement(xml, role);
    }

    private async Task<Action<XmlWriter>?> ListAsync(IamCall call)
    {
        var page = await IamPage<Role>.AtRootPathAsync(call.Parameters, DefaultMaxItems,
            (after, count) => roles.ListRolesAsync(after, count, call.CancellationToken), role => role.Name);
        return xml =>
        {
            QueryApiXml.Members(xml, "Roles", page.Items, IamXml.Role);
            page.WritePaging(xml);
        };
    }

    /// <summary>Changes what is given of MaxSessionDuration and Description; IAM answers with an empty result.</summary>
    private async Task<Action<XmlWriter>?> UpdateAsync(IamCall call)
    {
        var role = await call.TargetRoleAsync(roles);
        var updated = role with
        {
            MaxSessionDuration = MaxSessionDuration(call.Parameters, role.MaxSessionDuration),
            Description = Description(call.Parameters) ?? role.Description,
        };
        await SaveAsync(updated, call);
        return static _ => { };
    }

    private async Task<Action<XmlWriter>?> UpdateTrustAsync(IamCall call)
    {
        var trust = call.Parameters.Required("PolicyDocument");
        PolicyText.Parse(trust, PolicyKind.Trust);
        var role = await call.TargetRoleAsync(roles);
        await SaveAsync(role with { TrustPolicy = trust }, call);
        return null;
    }

    private async Task<Action<XmlWriter>?> DeleteAsync(IamCall call)
    {
        var role = await call.TargetRoleAsync(roles);
        var outcome = await roles.DeleteRoleAsync(role.Id, call.CancellationToken);
        return outcome switch
        {
            DeleteRoleOutcome.Deleted => null,
            DeleteRoleOutcome.NotFound => throw IamCall.NoSuchRole(role.Name),
            DeleteRoleOutcome.HasPolicies => throw new CairnException(ErrorCode.DeleteConflict, "Cannot delete entity, must delete policies first."),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    private async Task SaveAsync(Role role, IamCall call)
    {
        if (!await roles.UpdateRoleAsync(role, call.CancellationToken))
        {
            throw IamCall.NoSuchRole(role.Name);
        }
    }

    private static TimeSpan MaxSessionDuration(QueryApiParameters parameters, TimeSpan fallback) =>
        TimeSpan.FromSeconds(parameters.Integer(MaxSessionDurationParameter, MinSessionSeconds, MaxSessionSeconds, (int)fallback.TotalSeconds));

    /// <summary>The Description parameter, at most 1,000 characters as IAM allows; null when absent.</summary>
    private static string? Description(QueryApiParameters parameters)
    {
        var description = parameters.Optional(DescriptionParameter);
        if (description is { Length: > MaxDescriptionLength })
        {
            throw new CairnException(ErrorCode.ValidationError,
                $"1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to {MaxDescriptionLength}");
        }

        return description;
    }

    private static void RoleElement(XmlWriter xml, Role role)
    {
        xml.WriteStartElement("Role");
        IamXml.Role(xml, role);
        xml.WriteEndElement();
    }
}
