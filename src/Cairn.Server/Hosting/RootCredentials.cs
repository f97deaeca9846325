using System.Security.Cryptography;
using System.Text.Json;
using Cairn.Server.Auth;
using Cairn.Storage.FileSystem;

namespace Cairn.Server.Hosting;

/// <summary>
/// The root account's key pair: from configuration when set, else the pair stored in the data dir, else a
/// new pair generated on first start (stored with owner-only permissions and reported once).
/// </summary>
internal sealed class RootCredentials : ICredentialStore
{
    private const string FileName = "root-credentials.json";

    private RootCredentials(string accessKey, string secretKey, bool generated)
    {
        AccessKey = accessKey;
        SecretKey = secretKey;
        Generated = generated;
    }

    public string AccessKey { get; }
    public string SecretKey { get; }

    /// <summary>True when this start created the pair (the host prints it once).</summary>
    public bool Generated { get; }

    public bool TryGetSecret(string accessKeyId, out string secret)
    {
        secret = SecretKey;
        return accessKeyId == AccessKey;
    }

    public static RootCredentials Load(CairnOptions options)
    {
        if (!string.IsNullOrEmpty(options.RootUser) && !string.IsNullOrEmpty(options.RootPassword))
        {
            return new RootCredentials(options.RootUser, options.RootPassword, generated: false);
        }

        var path = Path.Combine(options.DataDirectory, FileName);
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<StoredPair>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path} is not a credentials file.");
            return new RootCredentials(stored.AccessKey, stored.SecretKey, generated: false);
        }

        var pair = new StoredPair(
            "CAIRN" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 15),
            RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40));
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, OwnerOnly.ForNewFile(new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write })))
        {
            JsonSerializer.Serialize(file, pair);
        }

        File.Move(temp, path, overwrite: true);
        return new RootCredentials(pair.AccessKey, pair.SecretKey, generated: true);
    }

    private sealed record StoredPair(string AccessKey, string SecretKey);
}
