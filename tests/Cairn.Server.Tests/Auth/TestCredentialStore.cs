using Cairn.Server.Auth;

namespace Cairn.Server.Tests.Auth;

internal sealed class TestCredentialStore : ICredentialStore
{
    private readonly Dictionary<string, string> _secrets;

    public TestCredentialStore(params (string AccessKeyId, string Secret)[] keys)
    {
        _secrets = keys.ToDictionary(k => k.AccessKeyId, k => k.Secret, StringComparer.Ordinal);
    }

    public bool TryGetSecret(string accessKeyId, out string secret) =>
        _secrets.TryGetValue(accessKeyId, out secret!);
}
