using System.Security.Cryptography;
using Cairn.Server.Hosting;
using Cairn.Storage.FileSystem;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Callbacks;

/// <summary>
/// The RSA key that signs callbacks: 2048 bits, kept as <c>callback-key.pem</c> (PKCS#8, 0600) in the data directory,
/// so that every node sharing the directory signs with the same key and app servers see one public key. It is
/// created on first use; nodes doing that at once end up with the one file that won (<see cref="OwnerOnly.CreateOnce"/>).
/// </summary>
internal sealed class CallbackSigningKey : IDisposable
{
    public const string FileName = "callback-key.pem";

    private const int KeySize = 2048;

    private readonly Lazy<(RSA Key, string PublicPem)> _key;
    private readonly Lock _signing = new();

    public CallbackSigningKey(IOptions<CairnOptions> options)
    {
        var path = Path.Combine(options.Value.DataDirectory, FileName);
        _key = new(() => Load(path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The public key as app servers fetch it: PEM of the SubjectPublicKeyInfo ("BEGIN PUBLIC KEY").</summary>
    public string PublicKeyPem => _key.Value.PublicPem;

    /// <summary>The RSA PKCS#1 v1.5 signature over the MD5 digest of <paramref name="content"/>, as OSS signs callbacks.</summary>
    public byte[] Sign(byte[] content)
    {
        var key = _key.Value.Key;
        lock (_signing)
        {
            return key.SignData(content, HashAlgorithmName.MD5, RSASignaturePadding.Pkcs1);
        }
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Key.Dispose();
        }
    }

    private static (RSA, string) Load(string path)
    {
        if (!File.Exists(path))
        {
            using var fresh = RSA.Create(KeySize);
            OwnerOnly.CreateOnce(path, fresh.ExportPkcs8PrivateKeyPem() + "\n");
        }

        var key = RSA.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            return (key, key.ExportSubjectPublicKeyInfoPem() + "\n");
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new InvalidOperationException($"{path} does not hold an RSA private key in PEM; remove it to have a new key made.", e);
        }
    }
}
