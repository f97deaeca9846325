using System.Security.Cryptography;
using Cairn.Core.Identity;
using Cairn.Storage.FileSystem;

namespace Cairn.Server.Hosting;

/// <summary>
/// The master key that seals access key secrets at rest (docs/identity.md): <c>Cairn:MasterKey</c> /
/// <c>CAIRN_MASTER_KEY</c> (32 bytes in base64) when set, else <c>master.key</c> in the data directory, created
/// 0600 on first start. Nodes sharing a data directory may start for the first time together: the file is written
/// whole under a temporary name and then linked into place only if no file is there yet, so every node ends up
/// reading the one key that won.
/// </summary>
internal static class MasterKey
{
    public const string FileName = "master.key";

    private const string Setting = "Cairn:MasterKey (CAIRN_MASTER_KEY)";

    public static SecretBox Load(CairnOptions options)
    {
        if (!string.IsNullOrEmpty(options.MasterKey))
        {
            return Parse(options.MasterKey, Setting);
        }

        var path = Path.Combine(options.DataDirectory, FileName);
        if (!File.Exists(path))
        {
            OwnerOnly.CreateOnce(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBox.KeySize)));
        }

        return Parse(File.ReadAllText(path), path);
    }

    private static SecretBox Parse(string text, string source)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length == SecretBox.KeySize)
            {
                return new SecretBox(key);
            }
        }
        catch (FormatException)
        {
        }

        throw new ServerStartException(ServerExitCodes.ConfigurationError,
            $"{source} must hold a {SecretBox.KeySize}-byte master key in base64 (e.g. from: openssl rand -base64 32)");
    }
}
