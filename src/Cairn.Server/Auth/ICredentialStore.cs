namespace Cairn.Server.Auth;

/// <summary>Looks up the secret of an access key id.</summary>
internal interface ICredentialStore
{
    bool TryGetSecret(string accessKeyId, out string secret);
}
