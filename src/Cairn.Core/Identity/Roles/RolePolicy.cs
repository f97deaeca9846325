namespace Cairn.Core.Identity.Roles;

/// <summary>An inline policy attached to one role (IAM PutRolePolicy): its name, unique per role, and its JSON text as sent.</summary>
public sealed record RolePolicy(string RoleId, string Name, string Document);
