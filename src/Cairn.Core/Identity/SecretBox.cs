using System.Security.Cryptography;
using System.Text;

namespace Cairn.Core.Identity;

/// <summary>
/// Seals access key secrets for storage with AES-256-GCM under the server's master key, since the server must keep
/// the secrets themselves (request signatures are HMACs keyed by them) and a copied database must not give them
/// away. The stored form is <c>v1:</c> + base64(nonce | ciphertext | tag); the access key id is bound in as
/// associated data, so a sealed secret moved to another key's row does not open. A fresh random nonce per seal.
/// </summary>
public sealed class SecretBox
{
    /// <summary>The master key's length: AES-256.</summary>
    public const int KeySize = 32;

    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    public SecretBox(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"A master key is {KeySize} bytes, not {key.Length}.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Whether a stored secret is sealed; one that is not was stored as issued, before secrets were sealed.</summary>
    public static bool IsSealed(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.StartsWith(Prefix, StringComparison.Ordinal);
    }

    public string Seal(string accessKeyId, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), AssociatedData(accessKeyId));
        CryptographicOperations.ZeroMemory(plain);
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// The secret sealed in <paramref name="stored"/> for <paramref name="accessKeyId"/>; false when it does not open:
    /// another master key sealed it, it belongs to another key, or it was altered.
    /// </summary>
    public bool TryOpen(string accessKeyId, string stored, out string secret)
    {
        secret = string.Empty;
        if (!IsSealed(stored))
        {
            return false;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            return false;
        }

        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain,
                AssociatedData(accessKeyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        secret = Encoding.UTF8.GetString(plain);
        CryptographicOperations.ZeroMemory(plain);
        return true;
    }

    /// <summary>The secret a stored value holds: opened when sealed, as it is when stored before sealing.</summary>
    public string Reveal(string accessKeyId, string stored) =>
        !IsSealed(stored) ? stored
        : TryOpen(accessKeyId, stored, out var secret) ? secret
        : throw new UnreadableSecretException(accessKeyId);

    /// <summary>
    /// A key for another purpose, derived from the master key with HKDF-SHA256 (the purpose is the info), so one
    /// secret never serves two ciphers and every node sharing the master key derives the same key.
    /// </summary>
    public byte[] DeriveKey(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, KeySize, salt: [], info: Encoding.UTF8.GetBytes(purpose));
    }

    private static byte[] AssociatedData(string accessKeyId) => Encoding.UTF8.GetBytes(accessKeyId);
}
