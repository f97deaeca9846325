using System.Security.Cryptography;

namespace Cairn.Core.Identity;

/// <summary>
/// New access key pairs, the one place their shape is decided: ids are 20 upper-case characters, "CAIRN" and 15
/// random base-32 digits (as long as AWS's, so clients that check the length accept them, and never taken for an AWS
/// key); secrets are 40 random letters and digits, as AWS's are.
/// </summary>
public static class AccessKeyPairs
{
    public const string IdPrefix = "CAIRN";
    public const int IdLength = 20;
    public const int SecretLength = 40;

    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId() => IdPrefix + RandomNumberGenerator.GetString(IdAlphabet, IdLength - IdPrefix.Length);

    public static string NewSecret() => RandomNumberGenerator.GetString(SecretAlphabet, SecretLength);
}
