using System.Text.Json;
using Cairn.Core.Identity;
using Cairn.Storage.FileSystem;

namespace Cairn.Server.Hosting;

/// <summary>
/// The root user's key pair: from configuration when set, else the pair stored in the data dir, else a
/// new pair generated on first start (stored with owner-only permissions and reported once). The configuration is
/// the source of truth: every start makes this pair the root user's one working key in the identity store.
/// </summary>
internal sealed class RootCredentials
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

    /// <summary>
    /// Makes this pair the root user's working key and deactivates any earlier root key (docs/identity.md). A key id
    /// that already belongs to another user stops the start: the configuration must not take over someone's key.
    /// </summary>
    public async Task SeedAsync(IIdentityStore identities, CancellationToken cancellationToken)
    {
        if (!await identities.EnsureRootAsync(AccessKey, SecretKey, cancellationToken))
        {
            throw new ServerStartException(ServerExitCodes.ConfigurationError,
                $"the root access key {AccessKey} belongs to another user; configure a different Cairn:RootUser");
        }
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

        var pair = new StoredPair(AccessKeyPairs.NewId(), AccessKeyPairs.NewSecret());
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
