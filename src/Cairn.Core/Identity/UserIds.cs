using System.Security.Cryptography;

namespace Cairn.Core.Identity;

/// <summary>
/// New user ids: 32 random lower-case hex digits. They can never equal <see cref="User.RootId"/>, and reveal
/// nothing about the user or the order users were created in.
/// </summary>
public static class UserIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
