using System.Security.Cryptography;

namespace Cairn.Core.Identity.Roles;

/// <summary>
/// New role ids in the form IAM shows them: "AROA" followed by 17 random upper-case base-32 characters. Random, so a
/// role made again under an old name never gets the old id.
/// </summary>
public static class RoleIds
{
    private const string Prefix = "AROA";
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string New()
    {
        Span<char> id = stackalloc char[Prefix.Length + 17];
        Prefix.AsSpan().CopyTo(id);
        for (var i = Prefix.Length; i < id.Length; i++)
        {
            id[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(id);
    }
}
