using System.Collections.Concurrent;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// Derived signing keys per (access key, secret, date, region, service): every SigV4 request needs one and the derivation
/// costs four HMACs. The secret is part of the key so a rotated secret never reuses a stale entry; and it is only
/// consulted after <see cref="AccessKeyResolver"/> has accepted the key, so a deactivated key finds no way round.
/// </summary>
internal sealed class SigningKeyCache
{
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<(string AccessKeyId, string Secret, string Date, string Region, string Service), byte[]> _keys = new();

    public byte[] Get(string accessKeyId, string secret, string date, string region, string service)
    {
        var cacheKey = (accessKeyId, secret, date, region, service);
        if (_keys.TryGetValue(cacheKey, out var key))
        {
            return key;
        }

        key = SigningKey.Derive(secret, date, region, service);
        if (_keys.Count >= MaxEntries)
        {
            // Entries are only useful for a day; a full cache is simply started afresh.
            _keys.Clear();
        }

        _keys[cacheKey] = key;
        return key;
    }
}
