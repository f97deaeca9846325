namespace Cairn.Core.Identity;

/// <summary>An inline policy attached to one user (IAM PutUserPolicy): its name, unique per user, and its JSON text as sent.</summary>
public sealed record UserPolicy(string UserId, string Name, string Document);
