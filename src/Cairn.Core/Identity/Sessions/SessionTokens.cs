using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Cairn.Core.Identity.Sessions;

/// <summary>
/// Seals a <see cref="SessionGrant"/> into the session token handed out with temporary credentials, and opens it
/// again when a request carries it (docs/identity.md "Session tokens"). The token is AES-256-GCM over the grant's JSON,
/// under a key derived from the master key: the server stores nothing per session, any node with the master key opens
/// it, and a token altered in any byte (its session policy, its expiry, its role) does not open at all. Text form:
/// URL-safe base64 without padding of <c>version | nonce | ciphertext | tag</c>, so it travels unchanged in headers,
/// query strings and form fields.
/// </summary>
public sealed class SessionTokens
{
    /// <summary>Prefix of temporary access key ids, as AWS's ("ASIA"), so they are never taken for long-term keys.</summary>
    public const string AccessKeyIdPrefix = "ASIA";

    private const string Purpose = "cairn session tokens v1";
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly byte[] _key;

    public SessionTokens(SecretBox masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        _key = masterKey.DeriveKey(Purpose);
    }

    /// <summary>A fresh temporary access key id: "ASIA" and 16 random base-32 digits (20 characters, as AWS's).</summary>
    public static string NewAccessKeyId() =>
        AccessKeyIdPrefix + RandomNumberGenerator.GetString(IdAlphabet, AccessKeyPairs.IdLength - AccessKeyIdPrefix.Length);

    /// <summary>Whether an access key id has the temporary form (it can only be used with its session token).</summary>
    public static bool IsTemporary(string accessKeyId) =>
        accessKeyId.StartsWith(AccessKeyIdPrefix, StringComparison.Ordinal);

    public string Seal(SessionGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var plain = JsonSerializer.SerializeToUtf8Bytes(grant, Json);
        var sealedBytes = new byte[1 + NonceSize + plain.Length + TagSize];
        sealedBytes[0] = Version;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceSize, plain.Length), sealedBytes.AsSpan(1 + NonceSize + plain.Length), [Version]);
        CryptographicOperations.ZeroMemory(plain);
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The grant a token holds; null when it does not open (not a token, altered, or sealed under another key).</summary>
    public SessionGrant? Open(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(token.AsSpan().Trim());
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < 1 + NonceSize + TagSize || sealedBytes[0] != Version)
        {
            return null;
        }

        var length = sealedBytes.Length - 1 - NonceSize - TagSize;
        var plain = new byte[length];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(1, NonceSize), sealedBytes.AsSpan(1 + NonceSize, length),
                sealedBytes.AsSpan(1 + NonceSize + length), plain, [Version]);
            return JsonSerializer.Deserialize<SessionGrant>(plain, Json);
        }
        catch (Exception e) when (e is AuthenticationTagMismatchException or JsonException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
