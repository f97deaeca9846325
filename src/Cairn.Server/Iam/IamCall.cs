using Cairn.Core.Errors;
using Cairn.Core.Identity;
using Cairn.Core.Identity.Roles;

namespace Cairn.Server.Iam;

/// <summary>One authenticated admin API call: its parameters and the user who made it.</summary>
internal sealed record IamCall(QueryApiParameters Parameters, User Caller, CancellationToken CancellationToken)
{
    /// <summary>The user the call is about: its UserName parameter, or the caller when absent (as IAM defaults it).</summary>
    public string TargetName => IamNames.OptionalUser(Parameters) ?? Caller.Name;

    /// <summary>The user named by <see cref="TargetName"/>; NoSuchEntity when there is none.</summary>
    public async Task<User> TargetUserAsync(IIdentityStore identities)
    {
        var name = TargetName;
        if (name == Caller.Name)
        {
            return Caller;
        }

        return await identities.FindUserByNameAsync(name, CancellationToken)
            ?? throw new CairnException(ErrorCode.NoSuchEntity, $"The user with name {name} cannot be found.");
    }

    /// <summary>The role the RoleName parameter names (ignoring case, as IAM compares them); NoSuchEntity when there is none.</summary>
    public async Task<Role> TargetRoleAsync(IRoleStore roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var name = IamNames.RequiredRole(Parameters);
        return await roles.FindRoleByNameAsync(name, CancellationToken) ?? throw NoSuchRole(name);
    }

    public static CairnException NoSuchRole(string name) =>
        new(ErrorCode.NoSuchEntity, $"The role with name {name} cannot be found.");
}
