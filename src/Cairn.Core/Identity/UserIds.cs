using System.Security.Cryptography;

namespace Cairn.Core.Identity;

/// <summary>
/// New user ids: 64 random lower-case hex digits, the form of the canonical user ids S3 shows in ACLs and listings.
/// They can never equal <see cref="User.RootId"/>, and reveal nothing about the user or the order users were
/// created in.
/// </summary>
public static class UserIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
