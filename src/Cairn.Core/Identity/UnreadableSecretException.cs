namespace Cairn.Core.Identity;

/// <summary>
/// A stored secret that does not open with this server's master key: the key is not the one that sealed it (a
/// changed or missing <c>CAIRN_MASTER_KEY</c>, another node's key file), or the row was altered. Names the access
/// key, never the secret.
/// </summary>
public sealed class UnreadableSecretException(string accessKeyId)
    : Exception($"the secret of access key {accessKeyId} does not decrypt with this server's master key")
{
    public string AccessKeyId { get; } = accessKeyId;
}
